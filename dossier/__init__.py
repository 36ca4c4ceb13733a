"""The reviewer's dossier of a claim: origin tree, timeline, evidence with in-place review, verdict form."""
