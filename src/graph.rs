//! The claim graph (petgraph): sources assert claims, claims are attributed to speakers and
//! are about subjects, and findings link the claims they compare (conflicts-with,
//! corroborates). Exported as DOT or JSON for other tools and drawn in the HTML report as
//! inline SVG, laid out here in fixed columns so the drawing is the same on every run.

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

/// Escapes a DOT quoted string: backslashes and quotes are escaped, line breaks and other
/// control characters become spaces (article text is untrusted).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for SVG/HTML.
fn xml(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// Shortens a label to `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

const ROW: usize = 24;
const COL: usize = 290;
const BOX_W: usize = 200;
const TOP: usize = 40;

impl ClaimGraph {
    /// The graph as an SVG drawing: four columns (sources, claims, subjects, speakers), each
    /// sorted by label, edges as curves; conflicts in red and corroborations in green as arcs
    /// beside the claims column. Every label is escaped and its full text is in a tooltip.
    pub fn to_svg(&self) -> String {
        let col_of = |n: &Node| match n {
            Node::Source { .. } => 0,
            Node::Claim { .. } => 1,
            Node::Subject { .. } => 2,
            Node::Speaker { .. } => 3,
        };
        let label_of = |n: &Node| match n {
            Node::Source { id } => id.clone(),
            Node::Claim { property, value, .. } => format!("{property}: {value}"),
            Node::Subject { label, .. } => label.clone(),
            Node::Speaker { name } => name.clone(),
        };
        // Claims are ordered by the source that asserts them, then by subject, so edges run
        // roughly straight; other columns by label.
        let mut cols: [Vec<(String, NodeIndex)>; 4] = Default::default();
        for i in self.graph.node_indices() {
            let n = &self.graph[i];
            let key = match n {
                Node::Claim { id, .. } => {
                    let src = self
                        .graph
                        .neighbors_directed(i, petgraph::Direction::Incoming)
                        .filter_map(|j| match &self.graph[j] {
                            Node::Source { id } => Some(id.clone()),
                            _ => None,
                        })
                        .min()
                        .unwrap_or_default();
                    let subj = self
                        .graph
                        .neighbors_directed(i, petgraph::Direction::Outgoing)
                        .filter_map(|j| match &self.graph[j] {
                            Node::Subject { label, .. } => Some(label.clone()),
                            _ => None,
                        })
                        .min()
                        .unwrap_or_default();
                    format!("{src}\u{0}{subj}\u{0}{}\u{0}{id}", label_of(n))
                }
                _ => label_of(n),
            };
            cols[col_of(n)].push((key, i));
        }
        let tallest = cols.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = TOP + tallest * ROW + 20;
        let width = COL * 3 + BOX_W + 40;
        let mut pos: BTreeMap<NodeIndex, (usize, usize)> = BTreeMap::new();
        for (c, col) in cols.iter_mut().enumerate() {
            col.sort();
            let offset = (tallest - col.len()) * ROW / 2;
            for (r, (_, i)) in col.iter().enumerate() {
                pos.insert(*i, (20 + c * COL, TOP + offset + r * ROW));
            }
        }
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"claim graph\">\n"
        );
        for (c, title) in ["sources", "claims", "subjects", "speakers"].iter().enumerate() {
            out.push_str(&format!(
                "<text class=\"colhead\" x=\"{}\" y=\"20\">{title}</text>\n",
                20 + c * COL
            ));
        }
        // Edges first, so boxes cover their ends.
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let (Some(&(ax, ay)), Some(&(bx, by))) = (pos.get(&a), pos.get(&b)) else {
                continue;
            };
            let (ay, by) = (ay + ROW / 2 - 2, by + ROW / 2 - 2);
            let (class, path) = match self.graph[e] {
                Edge::ConflictsWith | Edge::Corroborates => {
                    let bend = 20 + (ay.abs_diff(by) / 6).min(60);
                    let class = if self.graph[e] == Edge::ConflictsWith {
                        "e conflict"
                    } else {
                        "e corroborates"
                    };
                    (
                        class,
                        format!(
                            "M{ax},{ay} C{},{ay} {},{by} {bx},{by}",
                            ax - bend.min(ax),
                            bx - bend.min(bx)
                        ),
                    )
                }
                kind => {
                    let (x1, x2) = if ax < bx { (ax + BOX_W, bx) } else { (ax, bx + BOX_W) };
                    let mid = (x1 + x2) / 2;
                    let class = match kind {
                        Edge::Asserts => "e asserts",
                        Edge::About => "e about",
                        _ => "e attributed",
                    };
                    (class, format!("M{x1},{ay} C{mid},{ay} {mid},{by} {x2},{by}"))
                }
            };
            out.push_str(&format!("<path class=\"{class}\" d=\"{path}\"/>\n"));
        }
        for (i, &(x, y)) in &pos {
            let n = &self.graph[*i];
            let label = label_of(n);
            let class = ["source", "claim", "subject", "speaker"][col_of(n)];
            out.push_str(&format!(
                "<g class=\"n {class}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" \
                 height=\"{}\" rx=\"4\"/><text x=\"{}\" y=\"{}\">{}</text></g>\n",
                xml(&label),
                ROW - 4,
                x + 6,
                y + ROW / 2 + 2,
                xml(&clip(&label, 30))
            ));
        }
        out.push_str("</svg>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_line_breaks() {
        assert_eq!(esc(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
        assert_eq!(esc("two\nlines\r\x1b[31m"), "two lines  [31m");
    }

    #[test]
    fn svg_labels_are_escaped_and_clipped() {
        assert_eq!(xml("<b a=\"1\">&</b>"), "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
