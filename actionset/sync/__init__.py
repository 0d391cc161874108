"""A set's record shared through git, between the laptops of the facilitators who take turns
and with a programme lead: `actionset sync` (`command`), its steps (`steps`), the set's folder
as a repository (`repository`), what changed in words (`changes`) and the files of two laptops
brought together (`merging`, which merges each file through `actionset.merge`)."""
