"""A medicine or condition name the knowledge base does not know is kept as typed and said so,
on the result page and on the profile page: the advice could not use it."""

from __future__ import annotations

from pathlib import Path

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import SELF_CARE_CASE, make_client

NOTE = "Not recognised: {} (kept as typed, a reviewer can add it)"


def test_the_result_says_which_names_were_not_recognised(tmp_path: Path, kb: KnowledgeBase) -> None:
    web = make_client(tmp_path)
    case = {**SELF_CARE_CASE, "medications": ["Lipitor", "xyzzy"], "conditions": ["plugh"]}
    page = web.assess(kb, case).text
    assert NOTE.format("xyzzy, plugh") in page
    assert "Lipitor" not in page.split('id="unrecognised"')[1].split("</p>")[0]  # a synonym
    known = web.assess(kb, {**SELF_CARE_CASE, "medications": ["water tablet"]}).text
    assert "Not recognised" not in known


def test_the_profile_page_says_which_names_were_not_recognised(tmp_path: Path) -> None:
    web = make_client(tmp_path)
    saved = web.post("/settings/profile", {"age": "50", "medications": "atorvastatin, xyzzy",
                                           "conditions": "diabetes"})  # fmt: skip
    assert saved.status_code == 200 and "Profile saved" in saved.text
    assert NOTE.format("xyzzy") in saved.text
    assert 'value="atorvastatin, xyzzy"' in saved.text  # kept as typed
    web.post("/settings/profile", {"age": "50", "medications": "atorvastatin"})
    assert "Not recognised" not in web.get("/settings").text
