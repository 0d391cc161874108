"""What the command line writes out of a set's record: minutes, contributions and a calendar."""
