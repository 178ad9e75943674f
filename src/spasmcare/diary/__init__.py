"""The episode diary: what a person records between assessments, and what it means.

``model`` holds the checked values (no database), ``store`` owns every SQL statement,
``transfer`` reads and writes export files, ``follow_up`` turns a diary into a case.
"""
