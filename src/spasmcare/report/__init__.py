"""The clinician report: ``content`` gathers what it says (``clinical`` words it for a
clinician), ``pdf`` lays it out.

``spasmcare.services.reports`` makes one from a diary. Importing the package imports none of
them.
"""
