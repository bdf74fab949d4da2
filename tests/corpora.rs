//! Small workspaces that each test one mechanism of claims, subjects and findings, written
//! for these tests (tests/corpora/<name>/corpus/*.md) with the findings and claims they must
//! and must not give (tests/corpora/<name>/expected.yaml):
//!
//! - `claims`: a claim whose text is `text` (or contains `text_contains`) has the fields
//!   given (`property`, `speaker`, `conduit`, `quote`, `rule_contains`; `null` = absent);
//! - `expect`: a finding of that `kind` (and `property`, `check`, `message_contains`)
//!   whose claims (its evidence and its versions') include, for every quote in `claims`,
//!   one whose text contains it;
//! - `forbid`: no finding of that kind (and property) whose evidence includes every quote
//!   given (any such finding when no quote is given).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{bin, report};

fn workspace(name: &str) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora").join(name);
    let ws = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("corpora-{name}"));
    let _ = fs::remove_dir_all(&ws);
    fs::create_dir_all(ws.join("corpus")).unwrap();
    for e in fs::read_dir(src.join("corpus")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, ws.join("corpus").join(p.file_name().unwrap())).unwrap();
    }
    ws
}

fn expected(name: &str) -> serde_yaml::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
        .join("expected.yaml");
    serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

fn text_of<'a>(claims: &'a [Value], id: &str) -> Option<&'a str> {
    claims.iter().find(|c| c["id"] == id).and_then(|c| c["text"].as_str())
}

/// The texts of a finding's claims: its evidence, or with `versions` also every version's.
fn finding_texts<'a>(f: &Value, claims: &'a [Value], versions: bool) -> Vec<&'a str> {
    let mut ids: Vec<&str> = f["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if versions {
        for v in f["versions"].as_array().into_iter().flatten() {
            ids.extend(v["claims"].as_array().into_iter().flatten().filter_map(Value::as_str));
        }
    }
    ids.iter().filter_map(|id| text_of(claims, id)).collect()
}

fn matches_finding(f: &Value, want: &serde_yaml::Value, claims: &[Value], versions: bool) -> bool {
    let field = |k: &str| want.get(k).and_then(|v| v.as_str());
    if field("kind").is_some_and(|k| f["kind"] != k) {
        return false;
    }
    if field("property").is_some_and(|p| f["property"] != p) {
        return false;
    }
    if field("check").is_some_and(|c| f["check"] != c) {
        return false;
    }
    if field("message_contains").is_some_and(|m| !f["message"].as_str().unwrap_or("").contains(m)) {
        return false;
    }
    let texts = finding_texts(f, claims, versions);
    want.get("claims")
        .and_then(|c| c.as_sequence())
        .into_iter()
        .flatten()
        .filter_map(|q| q.as_str())
        .all(|q| texts.iter().any(|t| t.contains(q)))
}

fn claim_ok(c: &Value, want: &serde_yaml::Value) -> bool {
    for key in ["property", "speaker", "conduit", "quote"] {
        if let Some(w) = want.get(key) {
            let got = c[key].as_str();
            let ok = match w.as_str() {
                Some(s) => got == Some(s),
                None => got.is_none(),
            };
            if !ok {
                return false;
            }
        }
    }
    if let Some(r) = want.get("rule_contains").and_then(|v| v.as_str()) {
        if !c["rule"].as_str().unwrap_or("").contains(r) {
            return false;
        }
    }
    true
}

fn check(name: &str) {
    let ws = workspace(name);
    let out = bin().arg("verify").arg(&ws).env("NO_COLOR", "1").output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{name}: verify exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&ws);
    let claims = r["claims"].as_array().unwrap().clone();
    let findings = r["findings"].as_array().unwrap().clone();
    let want = expected(name);
    let mut failures = Vec::new();
    for w in want.get("claims").and_then(|v| v.as_sequence()).into_iter().flatten() {
        let text = w.get("text").and_then(|v| v.as_str());
        let contains = w.get("text_contains").and_then(|v| v.as_str());
        let candidates: Vec<&Value> = claims
            .iter()
            .filter(|c| {
                let t = c["text"].as_str().unwrap_or("");
                text.is_some_and(|x| t == x) || contains.is_some_and(|x| t.contains(x))
            })
            .collect();
        if !candidates.iter().any(|c| claim_ok(c, w)) {
            failures.push(format!("no claim as {w:?}; candidates: {candidates:?}"));
        }
    }
    for w in want.get("expect").and_then(|v| v.as_sequence()).into_iter().flatten() {
        if !findings.iter().any(|f| matches_finding(f, w, &claims, true)) {
            failures.push(format!("no finding as {w:?}"));
        }
    }
    for w in want.get("forbid").and_then(|v| v.as_sequence()).into_iter().flatten() {
        if let Some(f) = findings.iter().find(|f| matches_finding(f, w, &claims, false)) {
            failures.push(format!("forbidden finding {w:?}: {}", f["message"]));
        }
    }
    let messages: Vec<String> = findings
        .iter()
        .map(|f| format!("  {} {}: {}", f["kind"], f["property"], f["message"]))
        .collect();
    assert!(
        failures.is_empty(),
        "{name}:\n{}\nfindings:\n{}",
        failures.join("\n"),
        messages.join("\n")
    );
}

#[test]
fn a_wire_copy_counts_once() {
    check("wire-copy");
}

#[test]
fn a_rising_toll_is_an_update_a_stale_one_a_conflict() {
    check("rising-toll");
}

#[test]
fn a_derived_end_is_compared_with_a_stated_end() {
    check("derived-end");
}

#[test]
fn two_truces_in_one_article_are_two_events() {
    check("two-truces");
}

#[test]
fn an_agency_is_a_conduit_not_a_speaker() {
    check("conduit-speaker");
}

#[test]
fn pronouns_titles_and_surnames_are_resolved() {
    check("pronouns-titles");
}

#[test]
fn variant_names_are_variants_not_conflicts() {
    check("variant-names");
}

#[test]
fn blame_and_denial_are_a_dispute() {
    check("stance-dispute");
}

#[test]
fn a_wrong_conversion_is_an_inconsistency_of_its_article() {
    check("conversion");
}

#[test]
fn how_long_a_truce_has_held_is_not_its_length() {
    check("elapsed");
}

#[test]
fn midnight_on_a_day_may_end_it() {
    check("midnight");
}

#[test]
fn the_critically_injured_are_not_a_toll() {
    check("critical-condition");
}

#[test]
fn a_verb_before_the_preposition_owns_the_time() {
    check("agreed-collapsed");
}

#[test]
fn a_next_day_report_is_later() {
    check("rising-by-days");
}

#[test]
fn a_toll_of_its_day_another_country_and_a_revision_keep_their_scopes() {
    check("quake-scopes");
}

#[test]
fn an_end_worked_out_from_a_contested_length_is_not_a_second_conflict() {
    check("restated-end");
}

#[test]
fn an_open_ended_truce_has_no_fixed_length() {
    check("open-ended");
}

#[test]
fn undated_articles_keep_their_own_quake_apart_from_what_they_recall() {
    check("undated-quakes");
}

#[test]
fn a_clock_time_without_a_day_is_on_its_events_day() {
    check("bare-clock");
}

#[test]
fn quakes_in_two_countries_are_two_events() {
    check("two-countries");
}

#[test]
fn an_undated_article_joins_a_dated_event_only_on_shared_ground() {
    check("undated-elsewhere");
}

#[test]
fn a_recalled_record_and_a_figure_risen_from_are_not_tolls() {
    check("recalled-and-risen");
}

#[test]
fn an_initial_phase_is_compared_and_later_extensions_are_not() {
    check("initial-and-extensions");
}

#[test]
fn the_attack_is_the_event_the_sentence_before_told() {
    check("anaphoric-attack");
}

#[test]
fn a_town_an_article_puts_west_of_a_city_is_where_that_city_strike_was() {
    check("place-within");
}

#[test]
fn a_truce_that_took_hold_in_a_city_is_that_citys_and_an_aside_keeps_its_speaker() {
    check("held-in-city");
}

#[test]
fn an_end_moved_later_in_a_later_report_is_an_update_and_one_sentence_shares_out_lengths() {
    check("moved-end");
}

#[test]
fn unnamed_sources_are_speakers_and_outlets_told_are_conduits() {
    check("unnamed-sources");
}

#[test]
fn two_named_counters_in_one_article_are_compared() {
    check("two-counters");
}

#[test]
fn the_time_of_a_killing_is_compared_and_the_living_are_no_toll() {
    check("killing-time");
}

#[test]
fn a_toll_over_a_period_is_of_the_fighting_not_of_one_strike() {
    check("period-tolls");
}

#[test]
fn it_after_a_truce_recalled_with_its_date_is_the_story_truce() {
    check("recalled-truce");
}

#[test]
fn a_day_with_no_zone_is_read_at_the_story_clock() {
    check("local-day");
}

#[test]
fn a_time_with_no_verb_of_the_event_is_not_a_pronouns_antecedents() {
    check("pronoun-no-cue");
}

#[test]
fn a_start_clock_is_not_moved_to_a_day_nothing_starts_on() {
    check("clock-day");
}

#[test]
fn a_live_blogs_entries_tell_a_rising_toll() {
    check("live-blog");
}

#[test]
fn a_building_collapse_is_an_event_whose_tolls_are_compared() {
    check("building-collapse");
}

#[test]
fn a_figure_put_at_a_number_is_a_toll_of_its_own_speaker() {
    check("put-figure");
}

#[test]
fn two_counters_in_one_sentence_conflict() {
    check("one-sentence-two-counters");
}

#[test]
fn a_clause_describing_the_speaker_is_not_the_tolls_event() {
    check("describing-clause");
}

#[test]
fn a_mine_disaster_is_an_event_and_its_tolls_are_compared() {
    check("mine-disaster");
}

#[test]
fn the_day_a_party_declared_a_truce_over_is_compared_within_the_party() {
    check("declared-over");
}

#[test]
fn a_whole_length_against_a_first_phase_is_a_dispute() {
    check("first-phase");
}

#[test]
fn a_quarter_named_alone_lies_in_its_articles_city() {
    check("city-quarter");
}

#[test]
fn a_toll_alone_is_about_the_event_the_lead_names() {
    check("lead-event");
}

#[test]
fn two_counters_floors_the_same_day_conflict() {
    check("counters-floors");
}

#[test]
fn an_end_told_as_past_is_not_moved_by_a_later_report() {
    check("past-end");
}

#[test]
fn two_counts_the_same_day_clash_though_the_toll_rises_later() {
    check("floors-then-rise");
}

#[test]
fn a_part_of_the_toll_does_not_join_two_tolls() {
    check("part-of-toll");
}

#[test]
fn a_toll_told_as_risen_a_day_after_another_counters_is_an_update() {
    check("risen-next-day");
}
