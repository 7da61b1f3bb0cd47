"""Training mode: questions from the SOP's own data, the role's emphasis, scoring, determinism."""

from __future__ import annotations

import json

import pytest

from sop_ap.engine.checks import norm_name
from sop_ap.engine.training import TrainingError, TrainingSession
from test_simulation import BAJENG, JUAI, load_seed, make_sop, step

JUAI_ROLE_STEPS = {2, 3, 4, 9}  # the steps of 'Pelaksana' in the Juai seed


def play(session: TrainingSession, pick, choices: list[str] | None = None) -> list:
    """Answer every question with ``pick(question)``; take decisions from ``choices`` in order."""
    asked = []
    choices = list(choices or [])
    while not session.finished:
        question = session.question
        if question is not None:
            asked.append(question)
            session.answer(pick(question))
        else:
            assert session.needs_choice
            session.choose(choices.pop(0))
    return asked


def right(question) -> int:
    return question.answer


def wrong(question) -> int:
    return (question.answer + 1) % len(question.options)


def test_perfect_answers_give_full_score() -> None:
    session = TrainingSession(load_seed(JUAI), "Pelaksana", seed=3)
    asked = play(session, right, ["Tidak", "Ya"])
    assert [q.step for q in asked] == [1, 2, 2, 3, 3, 4, 4, 5, 4, 4, 5, 8, 9, 9]
    assert session.case.visited == [1, 2, 3, 4, 5, 4, 5, 8, 9]
    score = session.score()
    assert (score.right, score.total, score.percent) == (14, 14, 100)
    assert score.summary() == "Skor Anda: 14 dari 14 (100%)."
    assert all(a.feedback.startswith("Benar.") for a in score.answers)


def test_questions_emphasise_the_role() -> None:
    asked = play(TrainingSession(load_seed(JUAI), "Pelaksana", seed=3), right, ["Ya"])
    for q in asked:
        if q.step in JUAI_ROLE_STEPS:
            assert q.kind in {"kelengkapan", "output"} and q.prompt.startswith("Sebagai Pelaksana, apa yang Anda")
        else:
            assert q.kind == "pelaksana" and q.prompt == "Siapa yang melaksanakan langkah ini?"
    assert [q.kind for q in asked if q.step == 2] == ["kelengkapan", "output"]
    assert [q.number for q in asked] == list(range(1, len(asked) + 1))


def test_options_come_from_the_sop() -> None:
    sop = load_seed(JUAI)
    steps = {s.no: s for s in sop.langkah}
    texts = {norm_name(t) for s in sop.langkah for t in (*s.kelengkapan, *s.output)}
    names = {p.nama for p in sop.pelaksana}
    for q in play(TrainingSession(sop, "Pelaksana", seed=11), right, ["Tidak", "Ya"]):
        assert len(set(q.options)) == len(q.options) and 2 <= len(q.options) <= 4
        correct = q.options[q.answer]
        if q.kind == "pelaksana":
            assert set(q.options) <= names
            assert correct in {"Camat": {1, 8}, "Kasubbag Perencanaan dan Keuangan": {5}}
            assert q.step in {"Camat": {1, 8}, "Kasubbag Perencanaan dan Keuangan": {5}}[correct]
        else:
            own = steps[q.step].kelengkapan if q.kind == "kelengkapan" else steps[q.step].output
            assert correct in own
            assert {norm_name(o) for o in q.options} <= texts
            assert all(norm_name(o) not in {norm_name(t) for t in own} for i, o in enumerate(q.options)
                       if i != q.answer)


def test_wrong_answers_are_counted_with_feedback() -> None:
    session = TrainingSession(load_seed(JUAI), "Pelaksana", seed=3)
    play(session, wrong, ["Tidak", "Ya"])
    score = session.score()
    assert (score.right, score.total, score.percent) == (0, 14, 0)
    first = score.answers[1]  # step 2: what does Pelaksana need?
    given = first.question.options[first.given]
    assert first.feedback == (f"Kurang tepat: Anda menjawab '{given}'. Kelengkapan langkah 2: Konsep Format "
                              "Penyusunan Kinerja.")
    assert score.answers[0].feedback.endswith("Langkah 1 dilaksanakan oleh Camat.")


def test_mixed_answers() -> None:
    session = TrainingSession(load_seed(JUAI), "Pelaksana", seed=5)
    play(session, lambda q: right(q) if q.kind == "pelaksana" else wrong(q), ["Tidak", "Ya"])
    score = session.score()
    assert (score.right, score.total, score.percent) == (4, 14, 29)
    data = json.loads(json.dumps(score.as_dict()))
    assert [a["correct"] for a in data["answers"]].count(True) == 4
    assert data["summary"] == "Skor Anda: 4 dari 14 (29%)."


def test_deterministic_with_the_seed() -> None:
    def run(seed: int) -> list[dict]:
        return [q.as_dict(reveal=True) for q in play(TrainingSession(load_seed(BAJENG), "Camat", seed=seed), right,
                                                       ["Butuh perbaikan", "Benar"])]
    assert run(7) == run(7)
    assert run(7) != run(8)  # options are shuffled by the seed
    assert [q["step"] for q in run(7)] == [1, 1, 2, 3, 4, 5, 6, 6, 5, 6, 6, 7, 8, 9]


def test_scenario_takes_the_decisions() -> None:
    session = TrainingSession(load_seed(BAJENG), "Kasubag Perencanaan", seed=1, scenario=1)
    asked = play(session, right)  # no choices needed
    assert session.case.visited == [1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9]
    assert [q.kind for q in asked if q.step == 5] == ["kelengkapan", "output"] * 2
    assert session.score().right == session.score().total == len(asked)


def test_role_by_code_and_unknown_role() -> None:
    session = TrainingSession(load_seed(JUAI), "kasubbag", seed=0)
    assert session.role == "Kasubbag Perencanaan dan Keuangan"
    asked = play(session, right, ["Ya"])
    assert [q.kind for q in asked if q.step == 5] == ["kelengkapan", "output"]
    with pytest.raises(TrainingError) as info:
        TrainingSession(load_seed(JUAI), "Bupati")
    assert info.value.message == ("Peran 'Bupati' tidak ada di kolom pelaksana. Pilih salah satu: Camat, Sekretaris, "
                                  "Kasubbag Perencanaan dan Keuangan, Pelaksana.")


def test_several_performers_in_the_who_question() -> None:
    sop = make_sop([
        step(1, "Staf", simbol="terminator"),
        step(2, ["Camat", "sekcam"], cara="bersama"),
        step(3, ["Staf", "kasubag"], cara="salah_satu", simbol="terminator"),
    ])
    asked = play(TrainingSession(sop, "Camat", seed=2), right)
    who = {q.step: q for q in asked if q.kind == "pelaksana"}
    assert who[3].options[who[3].answer] == "Staf atau Kasubag Umum"
    assert "Camat" in who[3].options or "Sekretaris Camat" in who[3].options
    assert "Staf" not in who[3].options and "Kasubag Umum" not in who[3].options
    assert who[3].explanation == ("Langkah 3 dilaksanakan oleh Staf atau Kasubag Umum (salah satu, siapa pun yang "
                                  "memegang berkas).")
    assert [q.kind for q in asked if q.step == 2] == ["kelengkapan", "output"]


def test_answer_by_text_and_errors() -> None:
    session = TrainingSession(load_seed(JUAI), "Pelaksana", seed=4)
    question = session.question
    result = session.answer(question.options[question.answer].upper())
    assert result.correct
    with pytest.raises(TrainingError, match="bukan salah satu pilihan"):
        session.answer("Tidak ada")
    with pytest.raises(TrainingError, match="bukan salah satu pilihan"):
        session.answer(9)
    with pytest.raises(TrainingError, match="Belum saatnya memilih"):
        session.choose("Ya")
    state = session.state()
    assert "answer" not in state["question"] and state["question"]["step"] == 2
    json.dumps(state)
    play(session, right, ["Ya"])
    with pytest.raises(TrainingError, match="Tidak ada pertanyaan"):
        session.answer(0)


def test_loop_bound_ends_the_session() -> None:
    session = TrainingSession(load_seed(JUAI), "Pelaksana", seed=4, limit=2)
    play(session, right, ["Tidak", "Tidak"])
    assert session.finished and session.state()["case"]["status"] == "stopped"
    assert session.score().total == session.score().right > 0
