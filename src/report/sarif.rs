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
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "crosscheck", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://example.invalid/crosscheck", "rules": [
                {"id": "values.incompatible", "shortDescription": {"text": "Claims about one event that cannot all be true"}},
                {"id": "versions.differ", "shortDescription": {"text": "Parties give different versions of one event"}},
                {"id": "time.readings-agree", "shortDescription": {"text": "A time expression contradicts itself"}}
            ]}},
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serialises");
    s.push('\n');
    s
}
