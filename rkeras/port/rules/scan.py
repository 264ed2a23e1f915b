"""A first pass over the whole tree: every name the script binds (so calls of the script's own
functions and variables are known, and base R's constants are not mistaken for them)."""

from __future__ import annotations

from ..nodes import text
from .graph import is_graph_mode_call, use_graph_mode

_ASSIGN = {"<-", "=", "<<-", "%<-%", ":="}
_RIGHT = {"->", "->>", "%->%"}


def _targets(node, out):
    if node is None:
        return
    if node.type == "identifier":
        out.add(text(node).strip("`"))
    elif node.type == "call":
        args = node.child_by_field_name("arguments")
        for child in args.children if args is not None else ():
            if child.type == "argument":
                _targets(child.child_by_field_name("value"), out)


def scan_names(tr, root) -> None:
    names = tr.known_names
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "binary_operator":
            op = text(node.child_by_field_name("operator"))
            if op in _ASSIGN:
                _targets(node.child_by_field_name("lhs"), names)
                lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
                if lhs.type == "identifier" and rhs is not None and rhs.type == "function_definition":
                    tr.function_names.add(text(lhs).strip("`"))
                    tr.function_defs.setdefault(text(lhs).strip("`"), rhs)
            elif op in _RIGHT:
                _targets(node.child_by_field_name("rhs"), names)
        elif node.type == "call" and is_graph_mode_call(node):
            use_graph_mode(tr, node)
        elif node.type == "parameter":
            name = node.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                names.add(text(name))
        elif node.type == "for_statement":
            var = node.child_by_field_name("variable")
            if var is not None:
                names.add(text(var))
