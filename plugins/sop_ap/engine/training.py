"""Training mode: walk a case in a chosen role and answer questions drawn from the SOP's own data.

At each step of the chosen role the session asks what the role needs (kelengkapan) and what it
produces (output); at the other steps it asks who acts now. Wrong options come from the same SOP
(other columns, other steps' documents). Options are shuffled by ``random.Random(seed)``, so the
same seed and the same answers give the same session everywhere. Decisions are taken by the
visitor (:meth:`TrainingSession.choose`) or, when a scenario is given, by the scenario.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .checks import norm_name, performer_lookup
from .model import Langkah, Skenario, Sop
from .simulation import (
    DEFAULT_LIMIT, Case, LoopLimitReached, SimulationError, as_scenario, performer_text, start_scenario,
)

DISTRACTORS = 3
"""Wrong options per question (fewer when the SOP has fewer)."""

Kind = Literal["pelaksana", "kelengkapan", "output"]


class TrainingError(SimulationError):
    """A move the training session cannot make (Indonesian ``message``)."""


@dataclass(frozen=True)
class Question:
    """One question with its options; ``answer`` is the index of the correct option."""

    number: int
    kind: Kind
    step: int
    activity: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str

    def as_dict(self, reveal: bool = False) -> dict:
        out = {"number": self.number, "kind": self.kind, "step": self.step, "activity": self.activity,
               "prompt": self.prompt, "options": list(self.options)}
        return {**out, "answer": self.answer, "explanation": self.explanation} if reveal else out


@dataclass(frozen=True)
class Answer:
    """The visitor's answer to one question, judged."""

    question: Question
    given: int
    correct: bool

    @property
    def feedback(self) -> str:
        if self.correct:
            return f"Benar. {self.question.explanation}"
        return f"Kurang tepat: Anda menjawab '{self.question.options[self.given]}'. {self.question.explanation}"

    def as_dict(self) -> dict:
        return {"question": self.question.as_dict(reveal=True), "given": self.given, "correct": self.correct,
                "feedback": self.feedback}


@dataclass(frozen=True)
class Score:
    """Right answers out of all answered questions, with feedback per question."""

    right: int
    total: int
    answers: tuple[Answer, ...]

    @property
    def percent(self) -> int:
        return (200 * self.right + self.total) // (2 * self.total) if self.total else 0

    def summary(self) -> str:
        return f"Skor Anda: {self.right} dari {self.total} ({self.percent}%)."

    def as_dict(self) -> dict:
        return {"right": self.right, "total": self.total, "percent": self.percent, "summary": self.summary(),
                "answers": [a.as_dict() for a in self.answers]}


def _unique(texts: list[str]) -> list[str]:
    """Texts without repeats (compared without case), in their first order."""
    seen: set[str] = set()
    out = []
    for text in texts:
        if norm_name(text) not in seen:
            seen.add(norm_name(text))
            out.append(text)
    return out


class TrainingSession:
    """A case walked in one role, with a question queue and a score."""

    def __init__(self, sop: Sop, role: str, seed: int | str = 0, variant: int | str = 0, start: int | None = None,
                 scenario: Skenario | dict | int | None = None, limit: int = DEFAULT_LIMIT) -> None:
        self._scenario = None if scenario is None else as_scenario(sop, scenario)
        if self._scenario is not None:
            self.case = start_scenario(sop, self._scenario, limit)
        else:
            self.case = Case.start(sop, variant, start, limit)
        chart = self.case.chart
        col = performer_lookup(chart).get(norm_name(role))
        if col is None:
            names = ", ".join(p.nama for p in chart.performers)
            raise TrainingError(f"Peran '{role}' tidak ada di kolom pelaksana. Pilih salah satu: {names}.")
        self.role = chart.performers[col].nama
        self.rng = random.Random(seed)
        self.answers: list[Answer] = []
        self._queue: list[Question] = []
        self._asked_at = -1
        self._used = 0
        self._count = 0
        self._prepare()

    # -- reading

    @property
    def question(self) -> Question | None:
        """The question waiting for an answer, if any."""
        return self._queue[0] if self._queue else None

    @property
    def needs_choice(self) -> bool:
        """True when the case waits at a decision for the visitor's choice."""
        return not self._queue and self.case.status == "running" and self.case.choices() != []

    @property
    def finished(self) -> bool:
        return not self._queue and self.case.status != "running"

    def score(self) -> Score:
        return Score(sum(a.correct for a in self.answers), len(self.answers), tuple(self.answers))

    def state(self) -> dict:
        """The session as JSON for the widget (the pending question without its answer)."""
        return {"role": self.role, "question": self.question.as_dict() if self.question else None,
                "needs_choice": self.needs_choice, "choices": [c.as_dict() for c in self.case.choices()]
                if self.needs_choice else [], "finished": self.finished, "score": self.score().as_dict(),
                "case": self.case.state().as_dict()}

    # -- acting

    def answer(self, option: int | str) -> Answer:
        """Answer the pending question by option index or option text."""
        question = self.question
        if question is None:
            raise TrainingError("Tidak ada pertanyaan yang menunggu jawaban.")
        if isinstance(option, str):
            index = next((i for i, o in enumerate(question.options) if norm_name(o) == norm_name(option)), None)
        else:
            index = option if 0 <= option < len(question.options) else None
        if index is None:
            raise TrainingError(f"Jawaban '{option}' bukan salah satu pilihan pertanyaan ini.")
        result = Answer(question, index, index == question.answer)
        self.answers.append(result)
        self._queue.pop(0)
        self._prepare()
        return result

    def choose(self, label: str) -> None:
        """Take a decision exit when the case waits for the visitor."""
        if not self.needs_choice:
            raise TrainingError("Belum saatnya memilih: jawab dulu pertanyaannya, atau langkah ini bukan keputusan.")
        self._move(lambda: self.case.choose(label))

    # -- the walk

    def _move(self, action: Callable[[], object]) -> None:
        try:
            action()
        except LoopLimitReached:
            return  # the case stopped; its state carries the message
        self._prepare()

    def _prepare(self) -> None:
        """Ask the questions of the current step, or move on until there is something to ask or choose."""
        while self.case.status == "running" and not self._queue:
            position = len(self.case.history)
            step = self.case.current_step
            assert step is not None
            if self._asked_at != position:
                self._asked_at = position
                self._queue = self._questions(step)
                if self._queue:
                    return
            if self.case.needs_choice:
                scenario = self._scenario
                if scenario is None or self._used >= len(scenario.pilihan):
                    return
                self._used += 1
                label = scenario.pilihan[self._used - 1]
                action: Callable[[], object] = lambda: self.case.choose(label)
            else:
                action = self.case.advance
            try:
                action()
            except LoopLimitReached:
                return

    def _questions(self, step: Langkah) -> list[Question]:
        node = self.case.current_node
        names = self.case.performers(node if node is not None else step)
        if self.role in names:
            found = [self._item_question(step, "kelengkapan"), self._item_question(step, "output")]
            asked = [q for q in found if q is not None]
            if asked:
                return asked
        who = self._who_question(step, names)
        return [who] if who else []

    def _make(self, kind: Kind, step: Langkah, prompt: str, correct: str, wrong: list[str],
              explanation: str) -> Question | None:
        if not wrong:
            return None
        options = [correct, *self.rng.sample(wrong, min(DISTRACTORS, len(wrong)))]
        self.rng.shuffle(options)
        self._count += 1
        return Question(self._count, kind, step.no, step.kegiatan, prompt, tuple(options), options.index(correct),
                        explanation)

    def _who_question(self, step: Langkah, names: tuple[str, ...]) -> Question | None:
        node = self.case.current_node
        mode = (node.mode if node is not None else step.cara) if len(names) > 1 else None
        correct = performer_text(names, mode)
        wrong = [p.nama for p in self.case.chart.performers if p.nama not in names]
        how = {"bersama": " (bersama-sama)", "salah_satu": " (salah satu, siapa pun yang memegang berkas)"}
        explanation = f"Langkah {step.no} dilaksanakan oleh {correct}{how.get(mode or '', '')}."
        return self._make("pelaksana", step, "Siapa yang melaksanakan langkah ini?", correct, wrong, explanation)

    def _item_question(self, step: Langkah, kind: Kind) -> Question | None:
        items = step.kelengkapan if kind == "kelengkapan" else step.output
        if not items:
            return None
        own = {norm_name(t) for t in items}
        pool = _unique([t for s in self.case.chart.steps if s.no != step.no for t in (*s.kelengkapan, *s.output)])
        wrong = [t for t in pool if norm_name(t) not in own]
        correct = items[0] if len(items) == 1 else self.rng.choice(items)
        if kind == "kelengkapan":
            prompt = f"Sebagai {self.role}, apa yang Anda perlukan (kelengkapan) untuk langkah ini?"
            explanation = f"Kelengkapan langkah {step.no}: {'; '.join(items)}."
        else:
            prompt = f"Sebagai {self.role}, apa yang Anda hasilkan (output) pada langkah ini?"
            explanation = f"Output langkah {step.no}: {'; '.join(items)}."
        return self._make(kind, step, prompt, correct, wrong, explanation)
