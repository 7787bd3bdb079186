"""Text stage: segmentation, sentences, multi-term matching and the place gazetteer, shared by
every analysis."""
