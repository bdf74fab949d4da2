//! The claim graph (petgraph): sources assert claims, claims are attributed to speakers and
//! are about subjects, and findings link the claims they compare (conflicts-with,
//! corroborates). Exported as DOT or JSON for other tools and drawn in the HTML report.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::claims::Claim;
use crate::corpus::Source;
use crate::findings::{Finding, Kind};
use crate::subjects::Subject;

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Node {
    Source {
        id: String,
    },
    Speaker {
        name: String,
    },
    Subject {
        id: String,
        label: String,
    },
    Claim {
        id: String,
        property: String,
        value: String,
    },
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    Asserts,
    AttributedTo,
    About,
    ConflictsWith,
    Corroborates,
}

pub struct ClaimGraph {
    pub graph: DiGraph<Node, Edge>,
}

impl ClaimGraph {
    /// Builds the graph; node order follows the (sorted) inputs, so output is deterministic.
    pub fn build(sources: &[Source], subjects: &[Subject], claims: &[Claim], findings: &[Finding]) -> Self {
        let mut graph = DiGraph::new();
        let mut src: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for s in sources {
            src.insert(&s.id, graph.add_node(Node::Source { id: s.id.clone() }));
        }
        let mut subj: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for s in subjects {
            subj.insert(
                &s.id,
                graph.add_node(Node::Subject {
                    id: s.id.clone(),
                    label: s.label.clone(),
                }),
            );
        }
        let mut speakers: BTreeMap<String, NodeIndex> = BTreeMap::new();
        let mut claim_nodes: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for c in claims {
            let n = graph.add_node(Node::Claim {
                id: c.id.clone(),
                property: c.property.clone(),
                value: c.value.display(),
            });
            claim_nodes.insert(&c.id, n);
            if let Some(&s) = src.get(c.source.as_str()) {
                graph.add_edge(s, n, Edge::Asserts);
            }
            if let Some(&s) = subj.get(c.subject.as_str()) {
                graph.add_edge(n, s, Edge::About);
            }
            if let Some(name) = &c.speaker {
                let sp = *speakers
                    .entry(name.clone())
                    .or_insert_with(|| graph.add_node(Node::Speaker { name: name.clone() }));
                graph.add_edge(n, sp, Edge::AttributedTo);
            }
        }
        for f in findings {
            let edge = match f.kind {
                Kind::Conflict | Kind::Inconsistency => Edge::ConflictsWith,
                Kind::Corroboration => Edge::Corroborates,
                _ => continue,
            };
            let nodes: Vec<NodeIndex> = f
                .claims
                .iter()
                .filter_map(|c| claim_nodes.get(c.as_str()).copied())
                .collect();
            for w in nodes.windows(2) {
                graph.add_edge(w[0], w[1], edge);
            }
        }
        ClaimGraph { graph }
    }

    /// Graphviz DOT.
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph claims {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for i in self.graph.node_indices() {
            let (label, shape) = match &self.graph[i] {
                Node::Source { id } => (format!("source\\n{}", esc(id)), "folder"),
                Node::Speaker { name } => (format!("speaker\\n{}", esc(name)), "ellipse"),
                Node::Subject { label, .. } => (format!("subject\\n{}", esc(label)), "box"),
                Node::Claim { property, value, .. } => (format!("{}\\n{}", esc(property), esc(value)), "note"),
            };
            out.push_str(&format!("  n{} [label=\"{}\", shape={}];\n", i.index(), label, shape));
        }
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).unwrap();
            let (label, style) = match self.graph[e] {
                Edge::Asserts => ("asserts", ""),
                Edge::AttributedTo => ("attributed-to", ""),
                Edge::About => ("about", ""),
                Edge::ConflictsWith => ("conflicts-with", ", color=red, dir=both"),
                Edge::Corroborates => ("corroborates", ", color=darkgreen, dir=both"),
            };
            out.push_str(&format!(
                "  n{} -> n{} [label=\"{}\"{}];\n",
                a.index(),
                b.index(),
                label,
                style
            ));
        }
        out.push_str("}\n");
        out
    }

    /// `{"nodes": [...], "edges": [{"from", "to", "kind"}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> = self
            .graph
            .node_indices()
            .map(|i| {
                let mut v = serde_json::to_value(&self.graph[i]).unwrap_or_default();
                v["index"] = i.index().into();
                v
            })
            .collect();
        let edges: Vec<serde_json::Value> = self
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = self.graph.edge_endpoints(e).unwrap();
                serde_json::json!({"from": a.index(), "to": b.index(), "kind": self.graph[e]})
            })
            .collect();
        serde_json::json!({"nodes": nodes, "edges": edges})
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}
