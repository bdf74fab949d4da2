//! GitHub workflow commands: `::error file=…,line=…,col=…::message` for each finding that
//! fails the check, placed on the newest article's claim (the one a new article brings).

use super::Run;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(run: &Run) -> String {
    let mut o = String::new();
    for f in run.failing() {
        let Some(c) = run.anchor_claim(f) else {
            continue;
        };
        let (path, line, col) = run.location(c);
        o.push_str(&format!(
            "::error file={},line={},col={},title={}::{}\n",
            escape_prop(&path),
            line,
            col,
            escape_prop(&format!("crosscheck {} {}", f.kind.as_str(), f.id)),
            escape_data(&f.message)
        ));
    }
    for f in run
        .findings
        .iter()
        .filter(|f| f.kind == crate::findings::Kind::Dispute && !f.acknowledged)
    {
        if let Some(c) = run.anchor_claim(f) {
            let (path, line, col) = run.location(c);
            o.push_str(&format!(
                "::warning file={},line={},col={}::{}\n",
                escape_prop(&path),
                line,
                col,
                escape_data(&f.message)
            ));
        }
    }
    o
}
