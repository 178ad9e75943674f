"""The use cases: what the command line, the pages and the API all call, so they never disagree.

One module per use case: ``assessments`` (an assessment and the interview), ``diary`` (logging,
check-ins, the profile), ``exports`` (every export format, one Patient-id rule), ``reports`` (the
clinician report), ``insights`` and ``sharing`` (consent, the clinician's view, CDS Hooks). The
interfaces parse input, call one of these and render what it returns.
"""
