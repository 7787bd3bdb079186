"""Validation of the extractors against blind hand annotation: the items annotators see
(:mod:`~policytext.validation.items`), agreement statistics (:mod:`~policytext.validation.metrics`)
and the comparison of each extractor with its annotation (:mod:`~policytext.validation.extractors`)."""
