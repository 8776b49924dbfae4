"""Full-text search over studies: French without accents, Arabic, English, ranked, with a
snippet, and never a study the reader may not see."""

import pytest
from django.core.files.base import ContentFile

from mra_portal.lib.search import snippet
from studies import services
from studies.demo import report_docx, report_pdf
from studies.models import Finding, Recommendation, Study, StudyDocument


def study(reference: str, visibility: str = "partners", **fields) -> Study:
    return services.study_save(
        study=Study(reference=reference, visibility=visibility, **fields), shared_with=[]
    )


@pytest.fixture
def library(db):
    retirees = study(
        "ETU-R",
        title_fr="La situation des retraités en Europe",
        title_ar="وضعية المتقاعدين في أوروبا",
        title_en="Retirees in Europe",
    )
    services.finding_add(
        finding=Finding(
            study=retirees,
            text_fr="Six retraités sur dix n'ont aucune couverture médicale pendant leurs séjours.",
            text_ar="ستة متقاعدين من أصل عشرة لا يتوفرون على تغطية صحية خلال إقامتهم.",
        )
    )
    youth = study(
        "ETU-J",
        title_fr="Les jeunes et l'entrepreneuriat",
        abstract_fr="La couverture médicale est citée une fois, en passant.",
    )
    services.recommendation_save(
        recommendation=Recommendation(study=youth, text_fr="Créer un guichet unique."),
        addressees=[],
    )
    internal = study(
        "ETU-I",
        visibility="internal",
        title_fr="Note interne sur la couverture médicale",
        abstract_fr="Couverture médicale, couverture médicale, couverture médicale.",
    )
    services.document_add(
        document=StudyDocument(
            study=internal,
            kind="final_report",
            title="Rapport",
            file=ContentFile(report_pdf(["Les transferts de fonds des migrants"]), "r.pdf"),
        )
    )
    services.document_add(
        document=StudyDocument(
            study=youth,
            kind="interim_report",
            title="Rapport",
            file=ContentFile(report_docx(["التحويلات المالية للمهاجرين"]), "r.docx"),
        )
    )
    return {"retirees": retirees, "youth": youth, "internal": internal}


def references(rows) -> list[str]:
    return [row.reference for row in rows]


def test_a_word_of_a_finding_typed_without_accents_finds_its_study(library):
    assert references(Study.objects.matching("medicale sejours")) == ["ETU-R"]


def test_an_arabic_word_of_a_finding_finds_its_study_in_another_form(library):
    # متقاعدين in the finding, المتقاعدون typed: the Arabic configuration stems both.
    assert "ETU-R" in references(Study.objects.matching("المتقاعدون"))
    assert references(Study.objects.matching("تغطية صحية")) == ["ETU-R"]


def test_results_come_best_first(library):
    ranked = Study.objects.matching("couverture médicale")
    # In its title and three times in its abstract: first.
    assert references(ranked)[0] == "ETU-I"
    assert [row.rank for row in ranked] == sorted((row.rank for row in ranked), reverse=True)


def test_recommendations_and_the_text_of_reports_are_searched(library):
    assert references(Study.objects.matching("guichet")) == ["ETU-J"]
    assert references(Study.objects.matching("transferts")) == ["ETU-I"]
    assert references(Study.objects.matching("التحويلات")) == ["ETU-J"]


def test_a_partner_never_sees_an_internal_study_in_results_nor_its_snippet(
    library, client_as, partner_a
):
    page = client_as(partner_a).get("/studies/", {"q": "couverture medicale"})
    shown = references(page.context["page_obj"])
    assert "ETU-I" not in shown and set(shown) == {"ETU-R", "ETU-J"}
    body = page.content.decode()
    assert "interne" not in body.lower() and "ETU-I" not in body
    assert page.context["page_obj"].paginator.count == 2
    in_a_report = client_as(partner_a).get("/studies/?q=transferts")
    assert in_a_report.context["page_obj"].paginator.count == 0


def test_the_list_shows_a_snippet_with_the_matched_words_marked(library, client_as, coordinator):
    page = client_as(coordinator).get("/studies/", {"q": "medicale"}).content.decode()
    assert '<mark class="hit">médicale</mark>' in page


def test_a_snippet_marks_words_whose_folded_form_starts_with_a_stem():
    pieces = snippet("Les Retraités ont dit : « non ».", ["retrait"])
    assert ("Retraités", True) in pieces
    assert snippet("Rien à voir", ["retrait"]) == []
