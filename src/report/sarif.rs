//! SARIF 2.1.0 for code-scanning tools: one result per conflict, inconsistency or dispute,
//! with a location for each of its claims.

use serde_json::json;

use super::Run;
use crate::findings::{Kind, Severity};

pub fn render(run: &Run) -> String {
    let mut results = Vec::new();
    for f in run
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Conflict | Kind::Inconsistency | Kind::Dispute))
    {
        let locations: Vec<serde_json::Value> = f
            .claims
            .iter()
            .filter_map(|id| run.claim(id))
            .map(|c| {
                let (path, line, col) = run.location(c);
                let end_col = col + c.text.chars().count();
                json!({"physicalLocation": {"artifactLocation": {"uri": path}, "region": {"startLine": line, "startColumn": col, "endColumn": end_col}}})
            })
            .collect();
        let level = match (f.severity, f.acknowledged) {
            (_, true) => "note",
            (Severity::Error, _) => "error",
            (Severity::Warning, _) => "warning",
            (Severity::Info, _) => "note",
        };
        let mut result = json!({
            "ruleId": f.check,
            "level": level,
            "message": {"text": f.message},
            "locations": locations,
            "partialFingerprints": {"crosscheckFinding/v1": f.id},
            "properties": {"kind": f.kind.as_str(), "findingId": f.id},
        });
        if f.acknowledged {
            result["suppressions"] = json!([{"kind": "external", "justification": f.note.clone().unwrap_or_default()}]);
        }
        results.push(result);
    }
    // One rule per check that produced a result, described by the kind of finding it makes.
    let mut rules: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for f in run
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Conflict | Kind::Inconsistency | Kind::Dispute))
    {
        rules.entry(f.check).or_insert(match f.kind {
            Kind::Conflict => "Claims by different sources about one event that cannot all be true",
            Kind::Inconsistency => "An article that contradicts itself",
            _ => "Parties give different versions of one event",
        });
    }
    let rules: Vec<serde_json::Value> = rules
        .into_iter()
        .map(|(id, text)| json!({"id": id, "shortDescription": {"text": text}}))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "crosscheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serialises");
    s.push('\n');
    s
}
