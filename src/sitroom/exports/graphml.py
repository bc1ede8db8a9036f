"""GraphML export of the actor network (for Gephi, Cytoscape desktop, yEd)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx


def network_graph(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph:
    """Actors as nodes (name, kind); one directed edge per (source, target, event type) with its weight."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(f"actor{node['id']}", name=node["name"], kind=node["kind"])
    for edge in edges:
        graph.add_edge(
            f"actor{edge['source']}",
            f"actor{edge['target']}",
            key=edge["type"],
            type=edge["type"],
            weight=edge["weight"],
        )
    return graph


def to_graphml(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> str:
    """The network as a GraphML document."""
    return "\n".join(nx.generate_graphml(network_graph(nodes, edges))) + "\n"
