"""The JSON bridge between the browser widget and the engine (one session per worker).

The widget's worker calls :func:`handle` with a command name and JSON arguments and gets JSON back:
``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "<Indonesian message>"}``. The same
function runs in the tests on CPython, so the widget and the tests share one code path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .diagnostics import Diagnostic
from .estimate import estimate_completion
from .model import Sop
from .simulation import Case, LoopLimitReached, SimulationError, as_scenario, run_scenario, scenario_variant, \
    start_scenario, stable_json
from .training import TrainingSession
from .validate import validate_data


class BridgeError(Exception):
    """A command that cannot be carried out; the message is shown to the visitor."""


class Session:
    """What one visitor is doing: the SOP, the current case, or a training session."""

    def __init__(self) -> None:
        self.sop: Sop | None = None
        self.case: Case | None = None
        self.training: TrainingSession | None = None
        self.last_answer: dict | None = None

    def need_sop(self) -> Sop:
        if self.sop is None:
            raise BridgeError("Data SOP belum dimuat.")
        return self.sop

    def need_case(self) -> Case:
        if self.case is None:
            raise BridgeError("Simulasi belum dimulai.")
        return self.case

    def need_training(self) -> TrainingSession:
        if self.training is None:
            raise BridgeError("Latihan belum dimulai.")
        return self.training


SESSION = Session()


def _acting_roles(chart) -> list[str]:
    """The performers a training can be for: those who act in at least one step (an empty column has no
    task to learn)."""
    from .checks import norm_name, performer_lookup

    lookup = performer_lookup(chart)
    acting = {lookup[norm_name(name)] for step in chart.steps for name in step.oleh if norm_name(name) in lookup}
    return [p.nama for col, p in enumerate(chart.performers) if col in acting]


def _info(sop: Sop, warnings: list[Diagnostic]) -> dict:
    variants = [{"name": chart.name or sop.nama, "roles": _acting_roles(chart)} for chart in sop.flowcharts]
    scenarios = [{"index": i, "name": s.nama, "variant": scenario_variant(sop, s)} for i, s in enumerate(sop.skenario)]
    return {"number": sop.nomor, "name": sop.nama, "variants": variants, "roles": variants[0]["roles"],
            "scenarios": scenarios, "warnings": [d.message for d in warnings]}


def _load(args: dict) -> dict:
    sop, found = validate_data(args.get("sop"))
    errors = [d for d in found if d.level == "error"]
    if sop is None or errors:
        first = errors[0].message if errors else "data tidak valid"
        raise BridgeError(f"SOP ini tidak dapat disimulasikan: {first}")
    SESSION.sop, SESSION.case, SESSION.training = sop, None, None
    return _info(sop, found)


def _state(move: Callable[[], Any] | None = None) -> dict:
    case = SESSION.need_case()
    if move is not None:
        try:
            move()
        except LoopLimitReached:
            pass  # the case is stopped; its state carries the message and undo resumes it
    return case.state().as_dict()


def _start(args: dict) -> dict:
    sop = SESSION.need_sop()
    SESSION.case = Case.start(sop, int(args.get("variant", 0)), args.get("start"), ask=True)
    SESSION.training = None
    return _state()


def _scenario(args: dict) -> dict:
    """Replay a named scenario to its end; the visitor can then undo step by step."""
    sop = SESSION.need_sop()
    scenario = as_scenario(sop, int(args.get("index", 0)))
    case = start_scenario(sop, scenario)
    SESSION.case, SESSION.training = case, None
    choices = list(scenario.pilihan)
    try:
        while case.status == "running":
            if case.needs_choice:
                if not choices:
                    break
                case.choose(choices.pop(0))
            else:
                case.advance()
    except LoopLimitReached:
        pass
    state = case.state().as_dict()
    state["scenario"] = scenario.nama
    return state


def _estimate(args: dict) -> dict:
    sop = SESSION.need_sop()
    overrides: dict[tuple[int, str], float] = {}
    for key, value in (args.get("overrides") or {}).items():
        number, _, label = str(key).partition("|")
        try:
            overrides[(int(number), label)] = float(value)
        except ValueError as exc:
            raise BridgeError(f"Peluang '{value}' untuk langkah {number} bukan angka.") from exc
    result = estimate_completion(sop, int(args.get("variant", 0)), overrides=overrides or None).as_dict()
    result["exits"] = [{"step": p["step"], "label": p["label"], "probability": p["probability"]}
                       for p in result["probabilities"]]
    result["note"] = result["summary"]
    return result


def _training_state() -> dict:
    training = SESSION.need_training()
    state = training.state()
    case = state["case"]
    step = case["step"]
    return {**state, "step": step["no"] if step else None, "variant": case["variant"]["index"],
            "last": SESSION.last_answer}


def _training_start(args: dict) -> dict:
    sop = SESSION.need_sop()
    SESSION.training = TrainingSession(sop, str(args.get("role", "")), seed=args.get("seed", 0),
                                       variant=int(args.get("variant", 0)))
    SESSION.case, SESSION.last_answer = None, None
    return _training_state()


def _training_answer(args: dict) -> dict:
    answer = SESSION.need_training().answer(args.get("answer"))
    SESSION.last_answer = answer.as_dict()
    return _training_state()


def _training_choose(args: dict) -> dict:
    SESSION.need_training().choose(str(args.get("label", "")))
    SESSION.last_answer = None
    return _training_state()


def _trace(args: dict) -> dict:
    return run_scenario(SESSION.need_sop(), int(args.get("index", 0))).as_dict()


COMMANDS: dict[str, Callable[[dict], dict]] = {
    "load": _load,
    "start": _start,
    "state": lambda args: _state(),
    "advance": lambda args: _state(SESSION.need_case().advance),
    "choose": lambda args: _state(lambda: SESSION.need_case().choose(str(args.get("label", "")))),
    "undo": lambda args: _state(SESSION.need_case().undo),
    "restart": lambda args: _state(SESSION.need_case().restart),
    "scenario": _scenario,
    "trace": _trace,
    "estimate": _estimate,
    "training_start": _training_start,
    "training_answer": _training_answer,
    "training_choose": _training_choose,
}


def handle(command: str, args_json: str = "{}") -> str:
    """Run one command; always returns JSON, never raises."""
    try:
        args = json.loads(args_json) if args_json else {}
        if not isinstance(args, dict):
            raise BridgeError("Argumen perintah harus berupa objek JSON.")
        action = COMMANDS.get(command)
        if action is None:
            raise BridgeError(f"Perintah '{command}' tidak dikenal.")
        return stable_json({"ok": True, "result": action(args)})
    except (BridgeError, SimulationError) as exc:
        return stable_json({"ok": False, "error": getattr(exc, "message", None) or str(exc)})
    except Exception as exc:  # noqa: BLE001 - the widget shows a message, never a traceback
        return stable_json({"ok": False, "error": f"Galat tak terduga: {type(exc).__name__}: {exc}"})
