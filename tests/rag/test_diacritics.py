from __future__ import annotations

import shutil

from pydantic import Field

from rag.assistant import Assistant
from rag.diacritics import DiacriticRestorer
from rag.embed import HashingEmbedding
from rag.settings import Settings
from tests.conftest import CORPUS, SEEDS

REPORT = (
    "Tổng thu ngân sách nhà nước 11 tháng đạt 5.775 tỷ đồng. "
    "Chỉ số sản xuất công nghiệp tăng 5,05%. Chỉ số giá tiêu dùng tăng 1,2%. "
    "Huyện Chi Lăng trồng 300 ha rừng. Tổng chi ngân sách địa phương 884,4 tỷ đồng."
)


def restorer(*texts: str) -> DiacriticRestorer:
    spelling = DiacriticRestorer()
    for text in texts:
        spelling.add(text)
    return spelling


def test_bare_syllables_are_spelled_as_the_reports_spell_them() -> None:
    spelling = restorer(REPORT)
    assert spelling.restore("tong thu ngan sach 11 thang") == "tổng thu ngân sách 11 tháng"
    # The syllable before decides: "chi so" is "chỉ số", "huyen chi lang" is "Chi Lăng".
    assert spelling.restore("chi so san xuat cong nghiep") == "chỉ số sản xuất công nghiệp"
    assert spelling.restore("huyen chi lang") == "huyện chi lăng"
    # How questions are asked, which reports seldom write.
    assert spelling.restore("tong chi la bao nhieu") == "tổng chi là bao nhiêu"
    assert spelling.restore("nua dau nam thu bao nhieu tien") == "nửa đầu năm thu bao nhiêu tiền"


def test_asked_how_many_a_bare_word_is_the_unit_the_reports_count_in() -> None:
    """ "bao nhieu con": "còn" is the commoner word, but the reports count in "con"."""
    text = "Tổng đàn trâu 37 nghìn con. Còn 12 dự án chưa giải ngân, còn chậm, còn khó khăn."
    spelling = restorer(text)
    assert spelling.restore("dan trau bao nhieu con") == "đàn trâu bao nhiêu còn"
    spelling.add_units({"con": 1})
    assert spelling.restore("dan trau bao nhieu con") == "đàn trâu bao nhiêu con"
    assert spelling.restore("con may du an") == "còn mấy dự án"


def test_what_was_typed_with_diacritics_or_is_unknown_is_kept() -> None:
    spelling = restorer(REPORT)
    assert spelling.restore("Tổng thu NGÂN SÁCH") == "Tổng thu NGÂN SÁCH"
    assert spelling.restore("Tổng thu ngan sach 2023?") == "Tổng thu ngân sách 2023?"
    assert spelling.restore("GRDP xyz 5.775") == "GRDP xyz 5.775"
    assert restorer().restore("tong thu") == "tong thu"  # nothing learnt, nothing changed


def test_the_letter_case_typed_is_kept() -> None:
    spelling = restorer(REPORT)
    assert spelling.restore("Huyen Chi Lang") == "Huyện Chi Lăng"
    assert spelling.restore("TONG THU ngan sach") == "TỔNG THU ngân sách"


class RecordingEmbedding(HashingEmbedding):
    """The hashing embedder, keeping the questions it embeds."""

    queries: list[str] = Field(default_factory=list)

    def _get_query_embedding(self, query: str) -> list[float]:
        self.queries.append(query)
        return super()._get_query_embedding(query)


def test_the_meaning_search_reads_a_bare_question_with_its_diacritics(
    settings: Settings,
) -> None:
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(CORPUS / SEEDS["2023"], settings.corpus_dir / SEEDS["2023"])
    embedder = RecordingEmbedding()
    assistant = Assistant.open(settings, embedder=embedder)
    assistant.ask("tong thu ngan sach nha nuoc 11 thang 2023")
    assert "tổng thu ngân sách nhà nước" in embedder.queries[-1]
    # Everyday words are read as typed, before the reports' spelling is put on them.
    assistant.ask("bao nhieu nguoi tu vong thang 11/2023")
    assert embedder.queries[-1].endswith("(chết)")
