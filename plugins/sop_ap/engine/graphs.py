"""Graph algorithms on adjacency lists (node -> successor nodes), all iterative: a flowchart may have
thousands of steps, deeper than Python's recursion limit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def strong_components(nexts_of: Sequence[Sequence[int]]) -> list[int]:
    """The strongly connected component of every node (Tarjan), numbered in reverse topological order: a
    component comes after every component it can reach."""
    n = len(nexts_of)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = count = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            row, i = work[-1]
            nexts = nexts_of[row]
            if i < len(nexts):
                work[-1] = (row, i + 1)
                target = nexts[i]
                if index[target] == -1:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack[target] = True
                    work.append((target, 0))
                elif on_stack[target]:
                    low[row] = min(low[row], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[row])
            if low[row] == index[row]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    comp[member] = count
                    if member == row:
                        break
                count += 1
    return comp


def immediate_dominators(nexts_of: Sequence[Sequence[int]], preds_of: Sequence[Iterable[int]],
                         roots: list[int]) -> list[int | None]:
    """The immediate dominator of every node reached from ``roots`` (Cooper, Harvey and Kennedy, "A Simple,
    Fast Dominance Algorithm"), with a virtual node above all roots; None for the roots, for nodes whose
    only dominator is the virtual node, and for nodes not reached."""
    n = len(nexts_of)
    order: list[int] = []  # postorder from a virtual root (n) above every root
    seen = [False] * n
    for root in roots:
        if seen[root]:
            continue
        seen[root] = True
        work = [(root, 0)]
        while work:
            row, i = work[-1]
            nexts = nexts_of[row]
            if i < len(nexts):
                work[-1] = (row, i + 1)
                if not seen[nexts[i]]:
                    seen[nexts[i]] = True
                    work.append((nexts[i], 0))
                continue
            work.pop()
            order.append(row)
    number = {row: i for i, row in enumerate(order)}
    number[n] = len(order)
    idom: dict[int, int] = {n: n}
    for root in roots:
        idom[root] = n
    root_set = set(roots)

    def intersect(a: int, b: int) -> int:
        while a != b:
            while number[a] < number[b]:
                a = idom[a]
            while number[b] < number[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for row in reversed(order):
            if row in root_set:
                continue
            new = None
            for pred in preds_of[row]:
                if pred in idom and pred in number:
                    new = pred if new is None else intersect(pred, new)
            if new is not None and idom.get(row) != new:
                idom[row] = new
                changed = True
    return [None if r in root_set or idom.get(r, n) == n else idom[r] for r in range(n)]


def postorder(forward: Sequence[Sequence[int]], rows: Iterable[int]) -> list[int]:
    """Rows of a graph without cycles, every row after all rows its arrows lead to."""
    order: list[int] = []
    seen: set[int] = set()
    for root in rows:
        if root in seen:
            continue
        seen.add(root)
        work = [(root, 0)]
        while work:
            row, i = work[-1]
            if i < len(forward[row]):
                work[-1] = (row, i + 1)
                target = forward[row][i]
                if target not in seen:
                    seen.add(target)
                    work.append((target, 0))
                continue
            work.pop()
            order.append(row)
    return order


def acyclic(forward: Sequence[Sequence[int]], rows: Iterable[int]) -> bool:
    """True when the arrows ``forward`` between ``rows`` form no cycle (Kahn's algorithm)."""
    rows = list(rows)
    indegree = {row: 0 for row in rows}
    for row in rows:
        for target in forward[row]:
            if target in indegree:
                indegree[target] += 1
    ready = [row for row in rows if indegree[row] == 0]
    done = 0
    while ready:
        row = ready.pop()
        done += 1
        for target in forward[row]:
            if target in indegree:
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
    return done == len(rows)
