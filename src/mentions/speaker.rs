//! Attribution: who the article says makes an assertion. Reporting verbs ("said", "says",
//! "told", "announced", "confirmed"), "according to X", quoted sentences with their speaker,
//! "X's state media reported", and news agencies kept apart as conduits ("…, Toner added,
//! according to Reuters": speaker Toner, via Reuters). Pronouns and bare surnames are resolved
//! to the last person named. Its example corpus is `examples/speaker.yaml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A speaker mention's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerValue {
    /// Canonical name ("United States", "Syrian military", "Mark Toner").
    pub name: String,
    /// The reporting verb or phrase ("says", "according to").
    pub verb: String,
    /// A news agency that carried the statement, when another speaker made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conduit: Option<String>,
    /// The country or body the speaker speaks for ("United States" for Mark Toner of the
    /// State Department), when its words tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The title before a person's name, lower case ("state department deputy spokesman"),
    /// so that "the spokesman said" can be resolved to the person later in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Which part of its sentence an attribution covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// "X says …": what follows the verb.
    After,
    /// "…, X said.": what precedes the name.
    Before,
}

/// One attribution inside a sentence; offsets are into the sentence text.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub name_start: usize,
    pub name_end: usize,
    pub verb_start: usize,
    pub verb_end: usize,
    pub scope: Scope,
    pub value: SpeakerValue,
    pub rule: &'static str,
}

const VERBS: &str = "said|says|say|blamed|blames|accused|accuses|rejected|rejects|dismissed|dismisses|told|tells|announced|announces|confirmed|confirms|stated|states|stating|saying|added|adds|noted|notes|claimed|claims|insisted|insists|reported|reports|reporting|declared|declares|warned|warns|explained|explains|estimated|estimates|acknowledged|denied|denies|announcing|confirming|quoted|wrote|writes|argued|argues|maintained|maintains";

const AGENCIES: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france-presse",
    "xinhua",
    "tass",
    "ria novosti",
    "interfax",
    "sana",
    "anadolu",
    "anadolu agency",
    "al jazeera",
    "bbc",
    "cnn",
    "abc",
    "nbc",
    "cbs",
    "state media",
    "state television",
    "state tv",
    "state news agency",
    "syrian state media",
    "syrian state television",
    "state-run media",
    "amaq",
    "amaq news agency",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "yonhap",
    "upi",
];

/// Lower-case words that may be part of a speaker's noun phrase.
const NP_WORDS: &[&str] = &[
    "military",
    "army",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "media",
    "government",
    "command",
    "source",
    "sources",
    "statement",
    "agency",
    "police",
    "witnesses",
    "witness",
    "activists",
    "monitor",
    "observatory",
    "rebels",
    "opposition",
    "group",
    "envoy",
    "chief",
    "minister",
    "secretary",
    "president",
    "of",
    "state",
    "defence",
    "defense",
    "foreign",
    "general",
    "human",
    "rights",
    "for",
    "local",
    "senior",
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "department",
    "office",
    "forces",
    "armed",
    "news",
    "television",
    "tv",
    "authorities",
    "residents",
    "doctors",
    "medics",
    "medical",
    "health",
    "interior",
    "leader",
    "leaders",
    "commander",
    "commanders",
    "representative",
    "diplomats",
    "diplomat",
    "analysts",
    "experts",
    "survey",
    "officer",
    "officers",
    "staff",
    "team",
    "deputy",
    "acting",
    "press",
    "in",
    "-based",
    "london-based",
    "based",
    "and",
    "embassy",
    "council",
    "committee",
    "coalition",
    "newspaper",
    "channel",
    "broadcaster",
    "high",
    "commissioner",
    "humanitarian",
    "secretary-general",
    "de",
    "al",
    "bin",
    "van",
    "von",
    "da",
    "del",
    "du",
    "der",
    // Services and the people who speak for them ("the civil defence", "emergency
    // services", "a senior security official", "a resident of the village").
    "civil",
    "security",
    "emergency",
    "services",
    "service",
    "rescue",
    "rescuers",
    "fire",
    "intelligence",
    "hospital",
    "aid",
    "relief",
    "workers",
    "worker",
    "border",
    "provincial",
    "regional",
    "district",
    "municipal",
    "federal",
    "resident",
    "village",
    "spokesmen",
    "agencies",
    "paramedics",
    "medic",
    "doctor",
    "nurses",
    "volunteers",
    "monitors",
    "monitoring",
    "prosecutor",
    "prosecutors",
    "investigators",
    "coroner",
    "mayor",
    "governor",
    "ambassador",
    "ministers",
    "troops",
    "soldiers",
    "militants",
    "fighters",
    "cabinet",
    // "a doctor at the hospital", "an official at the ministry".
    "at",
    // Parties and movements ("the opposition Chadema party", "the ruling party").
    "party",
    "parties",
    "ruling",
    "main",
    "movement",
    "alliance",
    "union",
    "campaigners",
    "lawmakers",
    "legislators",
    "parliament",
];

/// An abbreviation whose stop does not end the sentence: dotted initials ("U.S.", "U.N.")
/// and the titles news puts before a name ("Lt. Col.", "Gen.", "Dr.").
fn is_abbreviation(w: &str) -> bool {
    let w = w.trim_start_matches(['"', '“', '(']);
    let Some(body) = w.strip_suffix('.') else {
        return false;
    };
    let initials = body
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    initials && body.contains('.')
        || matches!(
            body,
            "Lt" | "Col"
                | "Gen"
                | "Maj"
                | "Capt"
                | "Sgt"
                | "Cpl"
                | "Adm"
                | "Brig"
                | "Dr"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Prof"
                | "Rev"
                | "St"
                | "Supt"
                | "Insp"
                | "Det"
        )
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// "according to the plan", "according to the terms of the deal": what a text lays down,
/// told in the article's own voice, not someone's account.
fn is_document(np: &str) -> bool {
    let lower = np.to_lowercase();
    let head = lower
        .split_whitespace()
        .rfind(|w| !matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her"))
        .unwrap_or("");
    matches!(
        head,
        "plan"
            | "schedule"
            | "timetable"
            | "terms"
            | "deal"
            | "agreement"
            | "accord"
            | "law"
            | "rules"
            | "constitution"
            | "proposal"
            | "draft"
            | "resolution"
            | "forecast"
            | "tradition"
            | "custom"
    ) && lower.split_whitespace().count() <= 3
}

fn verb_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // "Russia's defence ministry put the death toll at 62": giving a figure is a statement.
    RE.get_or_init(|| {
        crate::regexes::new(&format!(r"\b(?:{VERBS})\b|\b(?i:according)\s+to\b|\b(?:put|puts|putting|gave|gives|estimated)\s+the\s+(?:death\s+)?(?:toll|number|figure|tally)\b")).unwrap()
    })
}

fn aliases() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let parsed: std::collections::BTreeMap<String, Vec<String>> =
            serde_yaml::from_str(include_str!("aliases.yaml")).expect("aliases.yaml parses");
        let mut map = HashMap::new();
        for (canon, forms) in parsed {
            map.insert(canon.to_lowercase(), canon.clone());
            for f in forms {
                map.insert(f.to_lowercase(), canon.clone());
            }
        }
        map
    })
}

/// The name the alias list gives a written form ("Washington" → "United States"), if it
/// lists it (a leading article is dropped).
pub fn alias_of(name: &str) -> Option<String> {
    let lower = name.trim().to_lowercase();
    let stripped = lower.strip_prefix("the ").unwrap_or(&lower);
    aliases().get(stripped).or_else(|| aliases().get(&lower)).cloned()
}

/// The canonical form of a speaker or entity name: aliases merged, titles and articles
/// dropped, "<Demonym> army" made "<Demonym> military".
pub fn canonical(name: &str) -> String {
    // Asked for every name of every article: remembered per thread.
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, String>> = Default::default();
    }
    if let Some(known) = SEEN.with(|s| s.borrow().get(name).cloned()) {
        return known;
    }
    let answer = canonical_uncached(name);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() > 100_000 {
            s.clear();
        }
        s.insert(name.to_string(), answer.clone());
    });
    answer
}

fn canonical_uncached(name: &str) -> String {
    let mut n = name
        .trim()
        .trim_matches(|c: char| c == ',' || c == '"' || c == '“' || c == '”')
        .trim()
        .to_string();
    if n.ends_with("'s") || n.ends_with("’s") {
        n.truncate(n.len() - if n.ends_with("'s") { 2 } else { 4 });
    }
    // "US Secretary of State, John Kerry": the name after an appositive comma.
    if let Some((_, last)) = n.rsplit_once(", ") {
        if last.split_whitespace().count() >= 2
            && last
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            n = last.to_string();
        }
    }
    // "the Britain-based Syrian Observatory…": where a body is based is not its name.
    if let Some(rest) = n
        .split_whitespace()
        .position(|w| w.to_lowercase().ends_with("-based"))
        .map(|i| n.split_whitespace().skip(i + 1).collect::<Vec<_>>().join(" "))
    {
        if !rest.is_empty() {
            n = rest;
        }
    }
    let lower = n.to_lowercase();
    let stripped = lower
        .strip_prefix("the ")
        .or_else(|| lower.strip_prefix("a "))
        .or_else(|| lower.strip_prefix("an "))
        .unwrap_or(&lower)
        .to_string();
    if let Some(c) = aliases().get(&stripped).or_else(|| aliases().get(&lower)) {
        return c.clone();
    }
    let words: Vec<&str> = n.split_whitespace().collect();
    let start = usize::from(
        words.first().is_some_and(|w| {
            w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")
        }) && words.len() > 1,
    );
    let words = &words[start..];
    // "<Demonym> army/military/armed forces/army command" is one speaker.
    if words.len() >= 2 {
        let rest = words[1..].join(" ").to_lowercase();
        if matches!(
            rest.as_str(),
            "army"
                | "military"
                | "armed forces"
                | "army command"
                | "military command"
                | "army general command"
                | "defence ministry"
                | "defense ministry"
                | "ministry of defence"
                | "ministry of defense"
        ) && words[0].chars().next().is_some_and(|c| c.is_uppercase())
        {
            let kind = if rest.contains("ministry") {
                "defence ministry"
            } else {
                "military"
            };
            return format!(
                "{} {kind}",
                words[0]
                    .trim_end_matches("'s")
                    .trim_end_matches('s')
                    .trim_end_matches('\'')
            )
            .replace("Syria military", "Syrian military")
            .replace("Russia military", "Russian military")
            .replace("Russia defence", "Russian defence");
        }
    }
    // "<Title> <Name>": keep the name ("State Department deputy spokesman Mark Toner");
    // "<Org> for/of <Name>" is one name ("Syrian Observatory for Human Rights").
    let caps: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || w.starts_with("al-") || w.starts_with("bin")
        })
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before_caps = words.len().checked_sub(caps.len() + 1).map(|i| words[i].to_lowercase());
    let joined_by_connector = before_caps
        .as_deref()
        .is_some_and(|w| matches!(w, "for" | "of" | "and" | "de" | "on" | "in"));
    // An agency at the end: "state news agency SANA".
    if let Some(last) = caps.last() {
        if caps.len() == 1 && is_agency(last) && words.len() > 1 {
            return canonical(last);
        }
    }
    // "the Prime Ministry's Disaster and Emergency Management Authority": a body's name
    // ends in what it is, holds its own "and"/"of"/"for", and has no title to strip (its
    // owner before "'s" is not part of it).
    if caps.len() >= 2 && caps.last().is_some_and(|w| ORG_HEADS.contains(w)) {
        let mut from = words.len() - caps.len();
        while from >= 2 {
            let (conn, cap) = (words[from - 1], words[from - 2]);
            let cap_ok =
                cap.chars().next().is_some_and(char::is_uppercase) && !cap.ends_with("'s") && !cap.ends_with("’s");
            if matches!(conn, "and" | "of" | "for") && cap_ok {
                from -= 2;
                while from >= 1 {
                    let w = words[from - 1];
                    if w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with("'s") && !w.ends_with("’s") {
                        from -= 1;
                    } else {
                        break;
                    }
                }
            } else {
                break;
            }
        }
        // "Turkey's Disaster Management Authority": its owner is not part of its name.
        while from < words.len() - 1 && (words[from].ends_with("'s") || words[from].ends_with("’s")) {
            from += 1;
        }
        return words[from..].join(" ");
    }
    let has_lower = words
        .iter()
        .any(|w| w.chars().next().is_some_and(|c| c.is_lowercase()) && !w.starts_with("al-"));
    if has_lower && caps.len() >= 2 && !is_title_word(caps[caps.len() - 1]) {
        let name: Vec<&str> = caps.iter().skip_while(|w| is_title_word(w)).copied().collect();
        let titled = name.len() < caps.len();
        if !name.is_empty() && (titled || !joined_by_connector) {
            return name.join(" ");
        }
    }
    if !has_lower {
        // "Amatrice Mayor Sergio Pirozzi", "President Obama": the words after the last title.
        if let Some(last_title) = words.iter().rposition(|w| is_title_word(w)) {
            let name = &words[last_title + 1..];
            // "General Command", "Defence Ministry": the title words are the body's name.
            let body = name.first().is_some_and(|w| {
                matches!(
                    *w,
                    "Command"
                        | "Ministry"
                        | "Department"
                        | "Office"
                        | "Council"
                        | "Committee"
                        | "Agency"
                        | "Service"
                        | "Services"
                        | "Forces"
                        | "Army"
                        | "Police"
                        | "Court"
                        | "Centre"
                        | "Center"
                        | "Authority"
                        | "Commission"
                        | "Corps"
                        | "Guard"
                        | "Unit"
                        | "Headquarters"
                        | "Staff"
                        | "Survey"
                        | "Institute"
                )
            });
            if !name.is_empty() && !body {
                return name.join(" ");
            }
        }
    }
    words.join(" ")
}

/// The last word of a body's name: what kind of body it is.
const ORG_HEADS: &[&str] = &[
    "Authority",
    "Agency",
    "Directorate",
    "Administration",
    "Commission",
    "Committee",
    "Council",
    "Bureau",
    "Board",
    "Institute",
    "Organisation",
    "Organization",
    "Federation",
    "Association",
    "Society",
    "Survey",
    "Service",
    "Centre",
    "Center",
];

/// Words of a title before a person's name ("Secretary of State", "Major General").
const TITLE_WORDS: &[&str] = &[
    "Secretary",
    "State",
    "Minister",
    "Foreign",
    "President",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Prime",
    "Defence",
    "Defense",
    "Department",
    "Envoy",
    "General",
    "Gen.",
    "Chief",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "US",
    "U.S.",
    "UN",
    "U.N.",
    "Russian",
    "American",
    "Syrian",
    "Humanitarian",
    "Secretary-General",
    "Ambassador",
    "Commander",
    "Colonel",
    "Col.",
    "Senator",
    "Sen.",
    "Rep.",
    "Governor",
    "Gov.",
    "Mayor",
    "King",
    "Queen",
    "Prince",
    "Sheikh",
    "Lt.",
    "Maj.",
    "Sgt.",
    "Major",
    "Lieutenant",
    "Brigadier",
    "Admiral",
    "Captain",
    "Capt.",
    "Deputy",
    "Vice",
    "Premier",
    "Chancellor",
    "Director",
    "Chairman",
    "Chairwoman",
    "Police",
    "Prosecutor",
    "Judge",
    "Bishop",
    "Archbishop",
    "Pope",
    "Special",
    "Representative",
    "Interior",
    "Marshal",
    "Field",
    "Senior",
    "Lt",
    "Gen",
    "Maj",
    "Col",
    "Sgt",
    "Adm",
    "Supt",
    "Inspector",
    "Superintendent",
    "Sheriff",
    "Officer",
    "Commissioner",
    "Coordinator",
    "Emergency",
    "Relief",
    "Affairs",
    "Turkish",
    "French",
    "British",
    "German",
    "Italian",
    "Chinese",
    "Iranian",
    "Israeli",
    "Iraqi",
    "Saudi",
    "Pentagon",
    "White",
    "House",
    "Press",
    "Kremlin",
    "Army",
    "Military",
    "Ministry",
    "Armed",
    "Forces",
    "Staff",
    "Joint",
    "Chiefs",
    "Head",
];

fn is_title_word(w: &str) -> bool {
    TITLE_WORDS.contains(&w)
}

/// A word set off by commas between a speaker and its verb: "Police, however, said".
fn is_aside(w: &str) -> bool {
    let l = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    matches!(
        l.as_str(),
        "however" | "meanwhile" | "though" | "instead" | "nonetheless" | "too" | "separately"
    )
}

/// Words that date a statement between its speaker and its verb ("Russia late on Friday
/// announced"): not part of the speaker's name.
fn is_time_word(w: &str) -> bool {
    let l = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    matches!(
        l.as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "late"
            | "early"
            | "earlier"
            | "later"
            | "on"
            | "last"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "also"
            | "still"
            | "however"
            | "meanwhile"
            | "though"
            | "instead"
            | "nonetheless"
            | "again"
            | "previously"
            | "initially"
            | "first"
            | "then"
            | "now"
            | "had"
            | "has"
            | "have"
            | "separately"
            | "repeatedly"
            | "publicly"
            | "officially"
            | "reportedly"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    ) || l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty()
}

/// The party a speaker speaks for, from the words of its noun phrase: a country named or
/// implied ("US Secretary of State John Kerry", "the Syrian army", "Washington", "the
/// Kremlin"), an institution that stands for one ("State Department", "Pentagon").
pub fn party_of(np: &str, name: &str) -> Option<String> {
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<(String, String), Option<String>>> = Default::default();
    }
    let key = (np.to_string(), name.to_string());
    if let Some(known) = SEEN.with(|s| s.borrow().get(&key).cloned()) {
        return known;
    }
    let answer = party_of_uncached(np, name);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() > 100_000 {
            s.clear();
        }
        s.insert(key, answer.clone());
    });
    answer
}

fn party_of_uncached(np: &str, name: &str) -> Option<String> {
    let canon = canonical(name);
    if crate::mentions::entity::is_country(&canon) && canon.split_whitespace().count() <= 3 {
        return Some(canon);
    }
    // Only officials and state bodies speak for a country: "the Syrian Observatory for
    // Human Rights" does not speak for Syria, "Syrian state media" does.
    let lower = np.to_lowercase();
    let official = [
        "minister",
        "ministry",
        "secretary",
        "president",
        "government",
        "army",
        "military",
        "forces",
        "officials",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "ambassador",
        "department",
        "command",
        "state media",
        "state television",
        "state tv",
        "state news",
        "defence",
        "defense",
        "navy",
        "air force",
        "embassy",
        "kremlin",
        "pentagon",
        "white house",
        "prime",
        "premier",
        "regime",
        "authorities",
        "diplomat",
        "general",
        "commander",
        "chancellor",
        "parliament",
        "senator",
        "congress",
    ];
    if !official.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let words: Vec<&str> = np.split_whitespace().collect();
    for i in 0..words.len() {
        for n in (1..=3).rev() {
            if i + n > words.len() {
                continue;
            }
            let phrase = words[i..i + n]
                .join(" ")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .trim_end_matches("'s")
                .to_string();
            if let Some(c) = crate::mentions::entity::country_of(&phrase) {
                return Some(c);
            }
        }
    }
    None
}

fn is_agency(name: &str) -> bool {
    let l = name.trim().to_lowercase();
    let l = l.strip_prefix("the ").unwrap_or(&l);
    // "Syria's state media": an agency after a possessive.
    AGENCIES.contains(&l) || l.rsplit_once("'s ").is_some_and(|(_, tail)| AGENCIES.contains(&tail))
}

/// Finds the noun phrase that ends right before `end` (a speaker before its verb).
/// An unnamed source described by what it is close to or knows ("a source close to the
/// negotiations", "two officials familiar with the matter", "a diplomat with knowledge of the
/// talks"): the words of one clause, `clause` (no comma inside), as a span past its
/// determiner or number, when they are such a description and nothing else (a relative
/// clause that says how they spoke is not part of the name).
fn described_source(clause: &str) -> Option<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::regexes::new(
            r"(?i)^\s*(?:(?:but|and|yet|however|while|though|although|meanwhile)\s+)?(?:(?:the|a|an|one|two|three|four|five|several|some|other|multiple|\d+)\s+)?((?:[a-z][a-z-]*\s+){0,2}(?:sources?|officials?|diplomats?|insiders?|aides?|persons?|people|members?|officers?|negotiators?|mediators?))\s+((?:close\s+to|familiar\s+with|with\s+(?:direct\s+|first-hand\s+)?knowledge\s+of|knowledgeable\s+(?:about|of)|briefed\s+on|involved\s+in|privy\s+to|in\s+the\s+know\s+about|who\s+(?:asked|spoke|declined|requested)\b)[^,;:.!?]{0,60}?)\s*$",
        )
        .expect("described source pattern")
    });
    let c = re.captures(clause)?;
    let (head, described) = (c.get(1)?, c.get(2)?);
    // "an official who spoke on condition of anonymity": the clause tells how, not who.
    let end = if described.as_str().starts_with("who") {
        head.end()
    } else {
        described.end()
    };
    (clause[head.start()..end].split_whitespace().count() <= 12).then_some((head.start(), end))
}

/// The start of the clause that ends at `end`: past the last comma, semicolon, colon,
/// quotation mark or dash before it, else the sentence's start.
fn clause_start(s: &str, end: usize) -> usize {
    s[..end]
        .rfind([',', ';', ':', '"', '“', '”', '—', '('])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
}

/// The words from the start of the clause that ends at `end` when they are a short noun
/// phrase opened by a determiner or a number ("The two jurors", "a local man"), past the
/// determiner.
fn determined_phrase(s: &str, end: usize) -> Option<(usize, usize)> {
    let mut from = clause_start(s, end);
    let lead = s[from..end].len() - s[from..end].trim_start().len();
    // "But one woman": a conjunction before the phrase is not part of it.
    let first = s[from + lead..end].split_whitespace().next().unwrap_or("");
    if matches!(first.to_lowercase().as_str(), "but" | "and" | "yet" | "meanwhile") {
        from += lead + first.len();
    }
    let clause = s[from..end].trim_end();
    let lead = s[from..end].len() - s[from..end].trim_start().len();
    let words: Vec<&str> = clause.split_whitespace().collect();
    let det = words.first()?.to_lowercase();
    if !(2..=5).contains(&words.len())
        || !matches!(
            det.as_str(),
            "the" | "a" | "an" | "one" | "two" | "three" | "four" | "several" | "some"
        )
        || !words[1..]
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''))
    {
        return None;
    }
    let start = from + lead;
    let skip = if matches!(det.as_str(), "the" | "a" | "an") {
        words[0].len() + 1
    } else {
        0
    };
    let a = start + skip;
    let b = from + lead + clause.trim_start().len();
    (a < b).then_some((a, b))
}

/// A lower-case modifier between a determiner and a speaker's noun ("a diplomatic source",
/// "an unnamed official", "a senior rebel commander"): the scan of `np_before` stops at it;
/// this takes up to two such words back to the determiner. `start` is where the scan's
/// phrase starts.
fn with_modifiers(s: &str, start: usize) -> usize {
    let mut at = start;
    for _ in 0..2 {
        let head = s[..at].trim_end();
        let (before, word) = head.rsplit_once(' ').unwrap_or(("", head));
        let lw = word.to_lowercase();
        if lw.is_empty()
            || !lw.chars().all(|c| c.is_alphabetic() || c == '-')
            || !word.chars().next().is_some_and(char::is_lowercase)
            || matches!(
                lw.as_str(),
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "which"
                    | "who"
                    | "as"
                    | "by"
                    | "to"
                    | "from"
                    | "with"
                    | "than"
                    | "when"
                    | "were"
                    | "was"
                    | "is"
                    | "are"
                    | "had"
                    | "has"
                    | "have"
                    | "be"
                    | "been"
                    | "not"
                    | "also"
                    | "killed"
                    | "wounded"
                    | "injured"
                    | "died"
                    | "began"
                    | "started"
                    | "ended"
            )
        {
            break;
        }
        let prev = before.rsplit(' ').next().unwrap_or("").to_lowercase();
        let word_start = head.len() - word.len();
        if matches!(
            prev.as_str(),
            "a" | "an" | "the" | "one" | "two" | "three" | "several" | "some"
        ) {
            return word_start;
        }
        at = word_start;
    }
    start
}

fn np_before(s: &str, end: usize) -> Option<(usize, usize)> {
    // "Russia late on Friday announced": the time between the speaker and its verb.
    let mut end = end;
    for _ in 0..6 {
        let head = s[..end].trim_end();
        let Some(i) = head.rfind(' ') else { break };
        let word = &head[i + 1..];
        if !is_time_word(word) || head[..i].trim_end().is_empty() {
            break;
        }
        end = i + 1;
        // "Police, however, put the figure at 238": an aside between commas.
        let lead = head[..i].trim_end();
        if word.ends_with(',') && is_aside(word) {
            if let Some(l) = lead.strip_suffix(',') {
                end = l.len();
            }
        }
    }
    // "The national disaster mitigation agency (BNPB) said": the acronym in brackets is
    // the speaker's own; the name before it is the speaker.
    {
        let head = s[..end].trim_end();
        if let Some(open) = head.strip_suffix(')').and_then(|h| h.rfind('(')) {
            let inner = &head[open + 1..head.len() - 1];
            if !inner.is_empty()
                && inner.len() <= 12
                && inner.chars().all(|c| c.is_ascii_uppercase() || c == '-' || c == '.')
                && !s[..open].trim_end().is_empty()
            {
                end = open;
            }
        }
    }
    // "a source close to the negotiations said": the whole description, not a name in it.
    let from = clause_start(s, end);
    if let Some((a, b)) = described_source(&s[from..end]) {
        return Some((from + a, from + b));
    }
    let text = &s[..end];
    let trimmed_end = text.trim_end().len();
    let mut start = trimmed_end;
    let mut words = 0;
    let mut after_determiner = false;
    for (i, w) in text[..trimmed_end].rsplit(' ').enumerate() {
        let _ = i;
        let clean = w.trim_matches(|c: char| c == '"' || c == '“' || c == '”');
        if clean.is_empty()
            || w.ends_with(',') && words > 0
            || w.ends_with(['.', ';', ':', '"', '”', ')']) && words > 0 && !is_abbreviation(w)
        {
            break;
        }
        let lw = clean.to_lowercase();
        let ok = clean.chars().next().is_some_and(|c| c.is_uppercase())
            || NP_WORDS.contains(&lw.as_str())
            || lw.ends_with("'s")
            || lw.ends_with("-based")
            || (words == 0 && PRONOUNS.contains(&lw.as_str()));
        if !ok || words >= 9 {
            break;
        }
        if words > 0 && PRONOUNS.contains(&lw.as_str()) {
            break;
        }
        // "the plan the envoy announced": a determiner opens its noun phrase; a noun
        // before it is another phrase's (a relative clause with no "that").
        if after_determiner
            && clean.chars().next().is_some_and(|c| c.is_lowercase())
            && !matches!(
                lw.as_str(),
                "of" | "for" | "and" | "with" | "at" | "in" | "on" | "from" | "to" | "by"
            )
        {
            break;
        }
        after_determiner = matches!(lw.as_str(), "the" | "a" | "an");
        start -= w.len();
        words += 1;
        if words == 1 && PRONOUNS.contains(&lw.as_str()) {
            break;
        }
        if start > 0 {
            start -= 1;
        } else {
            break;
        }
        if text[..start + 1].ends_with(' ') {
            // continue scanning
        }
    }
    if words == 0 {
        return None;
    }
    let s0 = if start == 0 || text.as_bytes().get(start) != Some(&b' ') {
        start
    } else {
        start + 1
    };
    // "a diplomatic source": the modifiers the scan stopped at, back to their determiner.
    // (A phrase its determiner opens has none before it: "the plan the envoy announced".)
    let opens = |d: &str| text[s0..].get(..d.len()).is_some_and(|w| w.eq_ignore_ascii_case(d));
    let s0 = if after_determiner && ["the ", "a ", "an "].into_iter().any(opens) {
        s0
    } else {
        with_modifiers(s, s0)
    };
    let phrase = &text[s0..trimmed_end];
    // Drop leading lower-case words (determiners, "with the") and trailing commas.
    let lead = phrase
        .split(' ')
        .take_while(|w| {
            let lw = w.to_lowercase();
            matches!(
                lw.trim_end_matches(','),
                "the"
                    | "a"
                    | "an"
                    | "and"
                    | "of"
                    | "for"
                    | "in"
                    | "but"
                    | "however"
                    | "meanwhile"
                    | "also"
                    | "yet"
                    | "so"
                    | "now"
                    | "then"
                    | "earlier"
                    | "later"
                    | "separately"
                    | "still"
                    | "instead"
            )
        })
        .map(|w| w.len() + 1)
        .sum::<usize>();
    let mut s1 = (s0 + lead).min(trimmed_end);
    // "By Tuesday the U.N. said", "Late on Friday the ministry said": a time told before
    // the speaker's determiner dates the statement and is not part of its name.
    let mut at = s1;
    let words: Vec<&str> = text[s1..trimmed_end].split(' ').collect();
    for pair in words.windows(2) {
        at += pair[0].len() + 1;
        let day = pair[0].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let dated = is_time_word(&day) && !matches!(day.as_str(), "had" | "has" | "have" | "also" | "on" | "may");
        if dated && matches!(pair[1], "the" | "a" | "an") {
            s1 = at.min(trimmed_end);
        }
    }
    let phrase = text[s1..trimmed_end].trim_end_matches(',');
    if phrase.is_empty() || !phrase.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    Some((s1, s1 + phrase.len()))
}

/// Finds the noun phrase that starts right after `start` ("according to X", "said X");
/// with `common`, a determiner may be followed by common nouns ("according to a monitoring
/// group").
fn np_after(s: &str, start: usize, common_nouns: bool) -> Option<(usize, usize)> {
    let rest = &s[start..];
    // "according to two sources familiar with the matter": the whole description.
    let clause_end = rest
        .find([',', ';', '.', '!', '?', '"', '”', '('])
        .unwrap_or(rest.len());
    if let Some((a, b)) = described_source(&rest[..clause_end]) {
        return Some((start + a, start + b));
    }
    let lead = rest.len() - rest.trim_start().len();
    let mut end = start + lead;
    let mut words = 0;
    let mut only_determiners = true;
    let mut common = 0;
    for w in s[start + lead..].split(' ') {
        let clean = if is_abbreviation(w) {
            w
        } else {
            w.trim_end_matches(['.', ',', ';', ':', ')', '"', '”'])
        };
        let lw = clean.to_lowercase();
        let mut ok = clean.chars().next().is_some_and(|c| c.is_uppercase())
            || NP_WORDS.contains(&lw.as_str())
            || lw.ends_with("'s")
            || lw.ends_with("-based");
        // "according to a monitoring group": common nouns after a bare determiner.
        if !ok
            && common_nouns
            && words > 0
            && only_determiners
            && common < 3
            && lw.chars().all(|c| c.is_alphabetic() || c == '-')
            && !matches!(
                lw.as_str(),
                "in" | "of"
                    | "for"
                    | "and"
                    | "to"
                    | "at"
                    | "on"
                    | "by"
                    | "with"
                    | "from"
                    | "who"
                    | "which"
                    | "that"
                    | "whose"
                    | "whom"
                    | "said"
                    | "says"
                    | "told"
            )
        {
            ok = true;
            common += 1;
        } else if words > 0
            && !matches!(lw.as_str(), "a" | "an" | "the" | "its" | "his" | "her" | "their")
            && common == 0
            // "a local activist", "a senior rebel commander": a speaker word in lower case
            // before the common noun.
            && !(ok && clean.chars().next().is_some_and(char::is_lowercase))
        {
            only_determiners = false;
        }
        if words == 0 && !matches!(lw.as_str(), "a" | "an" | "the" | "its" | "his" | "her" | "their") {
            only_determiners = false;
        }
        if !ok
            || clean.is_empty()
            || words >= 9
            || words == 0 && matches!(lw.as_str(), "in" | "of" | "for" | "and" | "to" | "at" | "on")
        {
            break;
        }
        end += clean.len();
        words += 1;
        if clean.len() < w.len() {
            break;
        }
        end += 1;
    }
    let phrase = s[start + lead..end.min(s.len())].trim_end();
    // Trailing lower-case function words are not part of the name.
    let phrase = phrase
        .trim_end_matches(" the")
        .trim_end_matches(" of")
        .trim_end_matches(" and");
    if words == 0 || phrase.is_empty() {
        return None;
    }
    Some((start + lead, start + lead + phrase.len()))
}

/// Whom a statement was told ("told Reuters on Tuesday", "told reporters", "told the BBC's
/// Newsnight"): where the audience ends, and the agency or outlet it is, which carried the
/// statement.
fn told_audience(s: &str, verb_end: usize) -> Option<(usize, Option<String>)> {
    static PEOPLE: OnceLock<Regex> = OnceLock::new();
    let people = PEOPLE.get_or_init(|| {
        crate::regexes::new(r"^\s*(?:the\s+|a\s+|an\s+)?(?:reporters|journalists|lawmakers|parliament|legislators|senators|delegates|supporters|a\s+(?:news|press)\s+conference|(?:news|press)\s+conference|a\s+briefing|(?:newspaper|paper|broadcaster|channel|agency|station|television|radio))\b")
            .expect("audience pattern")
    });
    if let Some(m) = people.find(&s[verb_end..]) {
        return Some((verb_end + m.end(), None));
    }
    let (a, b) = np_after(s, verb_end, false)?;
    let name = s[a..b].trim_start_matches("the ").trim_start_matches("The ");
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let agency = [name, &canonical(name)]
        .into_iter()
        .find(|n| is_agency(n))
        .map(|_| canonical(name));
    Some((b, agency))
}

/// All attributions in one sentence.
pub fn find_in(s: &str) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let mut told: Vec<(usize, String)> = Vec::new();
    for m in verb_regex().find_iter(s) {
        let verb = m.as_str().to_lowercase();
        let verb = verb.split_whitespace().collect::<Vec<_>>().join(" ");
        // "…, a diplomatic source told Reuters on Tuesday.": what the verb covers is read past
        // the audience, and an agency told carries the statement.
        let audience = matches!(verb.as_str(), "told" | "tells")
            .then(|| told_audience(s, m.end()))
            .flatten();
        let tail_from = audience.as_ref().map_or(m.end(), |a| a.0);
        if let Some((_, Some(agency))) = &audience {
            told.push((m.start(), agency.clone()));
        }
        // "Islamic State claimed responsibility": an act, not a statement of facts.
        let next = s[m.end()..].split_whitespace().next().unwrap_or("").to_lowercase();
        if matches!(verb.as_str(), "claimed" | "claims") && matches!(next.as_str(), "responsibility" | "credit") {
            continue;
        }
        // "the rebels said to be holding the town": hearsay about them, not their words.
        if matches!(verb.as_str(), "said" | "reported" | "claimed" | "estimated") && next == "to" {
            continue;
        }
        // "Western claims of involvement", "the reports": a noun, not a verb.
        if matches!(
            verb.as_str(),
            "claims" | "reports" | "estimates" | "notes" | "states" | "warns" | "denies"
        ) {
            let prev_word = s[..m.start()]
                .split_whitespace()
                .last()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric());
            let lw = prev_word.to_lowercase();
            if matches!(
                lw.as_str(),
                "the"
                    | "these"
                    | "those"
                    | "such"
                    | "any"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "media"
                    | "news"
                    | "press"
                    | "unconfirmed"
                    | "earlier"
                    | "initial"
                    | "official"
                    | "false"
                    | "of"
                    | "western"
                    | "conflicting"
                    | "similar"
                    | "rival"
                    | "previous"
                    | "early"
                    | "local"
                    | "separate"
            ) || crate::mentions::entity::country_of(prev_word).is_some()
            {
                continue;
            }
        }
        if verb == "according to" {
            if let Some((a, b)) = np_after(s, m.end(), true).filter(|&(a, b)| !is_document(&s[a..b])) {
                let name = &s[a..b];
                // "according to X" usually closes its clause: it covers what precedes it,
                // unless it opens the sentence.
                let before = s[..m.start()].trim();
                let scope = if before.is_empty() || before.len() < 3 {
                    Scope::After
                } else {
                    Scope::Before
                };
                out.push(att(
                    a,
                    b,
                    m.start(),
                    m.end(),
                    scope,
                    name,
                    "according to",
                    "speaker.according-to",
                ));
            }
            continue;
        }
        // "X said" / "X says": subject before the verb.
        let prev = s[..m.start()].trim_end();
        let after_comma_or_quote = prev.ends_with([',', '"', '”'])
            && !prev
                .rsplit_once(char::is_whitespace)
                .is_some_and(|(lead, w)| is_aside(w) && lead.trim_end().ends_with(','));
        if !after_comma_or_quote {
            if let Some((a, b)) = np_before(s, m.start()) {
                let name = &s[a..b];
                // A postposed "…, X said." covers what precedes it.
                // "…, the military said": the determiner is not part of the name but sits
                // between it and the comma.
                let mut pre = s[..a].trim_end();
                // "…, the U.S. State Department said": a country's name before the body's.
                if let Some((head, last)) = pre.rsplit_once(char::is_whitespace) {
                    if crate::mentions::entity::country_of(last).is_some() {
                        pre = head.trim_end();
                    }
                }
                for det in ["the", "The", "a", "an", "its", "their"] {
                    if let Some(p) = pre.strip_suffix(det) {
                        if p.is_empty() || p.ends_with(char::is_whitespace) {
                            pre = p.trim_end();
                            break;
                        }
                    }
                }
                let tail = s[tail_from..].trim();
                let core = without_carrier(tail);
                let closes = tail.is_empty()
                    || tail.starts_with(['.', ','])
                    || core.len() < 40 && !core.contains(" that ") && closing_tail(core)
                    // ("put the figure at 201, saying …": the figure is what follows; a
                    // speaker opening the sentence covers what follows it.)
                    || pre.ends_with(',') && !verb.contains(' ') && adverbial_then_clause(core);
                let scope = if (pre.ends_with([',', '"', '”']) || pre.is_empty()) && closes {
                    Scope::Before
                } else {
                    Scope::After
                };
                let rule = if scope == Scope::Before {
                    "speaker.postposed"
                } else {
                    "speaker.subject-verb"
                };
                out.push(att(a, b, m.start(), m.end(), scope, name, &verb, rule));
                continue;
            }
        }
        // "A doctor at the hospital, who asked not to be named, said", "The Observatory,
        // which tracks the conflict through activists, said": the name before a relative
        // clause or a participle set off by commas.
        if let Some(inner) = prev.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                let aside = inner[comma + 1..].trim_start().to_lowercase();
                let first = aside.split_whitespace().next().unwrap_or("");
                if matches!(
                    first,
                    "who" | "which" | "whose" | "speaking" | "asking" | "declining" | "requesting"
                ) {
                    // "The two jurors, who did not give their names, said": a short phrase
                    // opened by a determiner or number is the speaker, whatever its noun.
                    if let Some((a, b)) = np_before(s, comma).or_else(|| determined_phrase(s, comma)) {
                        let tail = s[tail_from..].trim();
                        let scope = scope_after_aside(tail);
                        out.push(att(a, b, m.start(), m.end(), scope, &s[a..b], &verb, "speaker.aside"));
                    }
                    // Whoever it is, the words after the verb are what was said, not a speaker.
                    continue;
                }
            }
        }
        // "X, the UN envoy for Syria, said …": the name before an appositive.
        if let Some(inner) = prev.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                let appositive = inner[comma + 1..].trim();
                let np_like = np_before(s, inner.len()).is_some_and(|(a, _)| {
                    a > comma
                        && inner[comma + 1..a]
                            .split_whitespace()
                            .all(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
                });
                // "…, a monitoring group based in Britain, said": an appositive opened by an
                // article need not end in a name.
                let described = ["a ", "an ", "the "].iter().any(|d| appositive.starts_with(d));
                if (np_like || described) && !appositive.is_empty() && appositive.split_whitespace().count() <= 8 {
                    if let Some((a, b)) = np_before(s, comma) {
                        let name = &s[a..b];
                        // "…in Aleppo, Homs and Hama, said": the object of a preposition is
                        // a list's first item, not a speaker.
                        // ("in the village, a rebel stronghold, said": past a determiner.)
                        let mut before_name = s[..a].split_whitespace().rev().map(str::to_lowercase);
                        let governed = before_name.next().is_some_and(|w| {
                            let w = if matches!(w.as_str(), "the" | "a" | "an") {
                                before_name.next().unwrap_or_default()
                            } else {
                                w
                            };
                            matches!(
                                w.as_str(),
                                "in" | "at" | "near" | "from" | "to" | "of" | "on" | "into" | "across" | "around"
                            )
                        });
                        // "The ministry's spokesman, Igor Konashenkov, said": a title opened by
                        // a determiner may start in lower case.
                        let determined = matches!(
                            s[..a].split_whitespace().last().map(str::to_lowercase).as_deref(),
                            Some("the" | "a" | "an" | "its" | "their" | "his" | "her")
                        );
                        let lead_ok = (name.chars().next().is_some_and(char::is_uppercase) || determined) && !governed;
                        // "The US secretary of state, John Kerry, said": the name is the
                        // appositive, the title before it tells whom he speaks for.
                        let app_start = comma + 1 + (inner[comma + 1..].len() - inner[comma + 1..].trim_start().len());
                        let app_words: Vec<&str> = appositive.split_whitespace().collect();
                        let person = (2..=4).contains(&app_words.len())
                            && app_words
                                .iter()
                                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                            && name
                                .split_whitespace()
                                .any(|w| w.chars().next().is_some_and(char::is_lowercase));
                        if lead_ok && person {
                            let tail = s[tail_from..].trim();
                            let scope = if tail.is_empty() || tail.starts_with(['.', ',']) {
                                Scope::Before
                            } else {
                                Scope::After
                            };
                            let mut at = att(
                                app_start,
                                app_start + appositive.len(),
                                m.start(),
                                m.end(),
                                scope,
                                appositive,
                                &verb,
                                "speaker.appositive-name",
                            );
                            at.value.party = party_of(&format!("{name} {appositive}"), appositive);
                            at.value.title = title_of(&format!("{name} {appositive}"));
                            out.push(at);
                            continue;
                        }
                        if lead_ok {
                            let tail = s[tail_from..].trim();
                            let scope = scope_after_aside(tail);
                            out.push(att(a, b, m.start(), m.end(), scope, name, &verb, "speaker.appositive"));
                            continue;
                        }
                    }
                }
            }
        }
        // "The Syrian army, in a statement carried by SANA, said": the name before an
        // interjected phrase that a preposition opens.
        if let Some(inner) = prev.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                let aside = inner[comma + 1..].trim();
                let first = aside.split_whitespace().next().unwrap_or("").to_lowercase();
                let opens = matches!(
                    first.as_str(),
                    "in" | "on" | "via" | "through" | "citing" | "quoting" | "speaking" | "writing" | "later" | "also"
                );
                if opens && aside.split_whitespace().count() <= 12 {
                    if let Some((a, b)) = np_before(s, comma) {
                        let name = &s[a..b];
                        if name.chars().next().is_some_and(char::is_uppercase) && !is_pronoun(name) {
                            let tail = s[tail_from..].trim();
                            let scope = scope_after_aside(tail);
                            out.push(att(a, b, m.start(), m.end(), scope, name, &verb, "speaker.interjected"));
                            continue;
                        }
                    }
                }
            }
        }
        // "…," said X (not "…, said its own": a possessive names no one).
        // ("…, said an activist": common nouns after a determiner, as after "according to".)
        if let Some((a, b)) = np_after(s, m.end(), true).filter(|&(a, b)| {
            !matches!(
                s[a..b].to_lowercase().as_str(),
                "its" | "his" | "her" | "their" | "our" | "my" | "your" | "a" | "an" | "the"
            )
        }) {
            if after_comma_or_quote {
                let name = &s[a..b];
                out.push(att(
                    a,
                    b,
                    m.start(),
                    m.end(),
                    Scope::Before,
                    name,
                    &verb,
                    "speaker.inverted",
                ));
            }
        }
    }
    for (verb_start, agency) in told {
        for a in out.iter_mut().filter(|a| a.verb_start == verb_start) {
            a.value.conduit.get_or_insert_with(|| agency.clone());
        }
    }
    // "…, Hamas said, adding that …": the participle goes on with the same speaker.
    static GOING_ON: OnceLock<Regex> = OnceLock::new();
    let going_on = GOING_ON.get_or_init(|| {
        crate::regexes::new(r",\s+(?:adding|saying|noting|stressing|insisting|warning|explaining|arguing)\b").unwrap()
    });
    for m in going_on.find_iter(s) {
        let before = out
            .iter()
            .filter(|a| a.verb_end <= m.start() && s[a.verb_end..m.start()].trim().is_empty())
            .max_by_key(|a| a.verb_end)
            .cloned();
        if let Some(prev) = before {
            let verb_start = m.start() + m.as_str().len() - m.as_str().trim_start_matches([',', ' ']).len();
            out.retain(|a| !(a.verb_start >= verb_start && a.verb_end <= m.end()));
            let mut next = prev.clone();
            next.verb_start = verb_start;
            next.verb_end = m.end();
            next.scope = Scope::After;
            next.value.verb = s[verb_start..m.end()].to_string();
            next.rule = "speaker.participle";
            out.push(next);
        }
    }
    out.sort_by_key(|a| (a.verb_start, a.name_start));
    out.retain(|a| a.value.name.chars().any(char::is_alphabetic));
    // "a military statement quoted by Xinhua", "carried by state TV": the agency is the
    // conduit; the verb before "by" introduces no speaker of its own.
    static CARRIED: OnceLock<Regex> = OnceLock::new();
    let carried = CARRIED.get_or_init(|| {
        crate::regexes::new(r"\b(?:carried|quoted|cited|relayed|broadcast|published|reported)\s+by\s+((?:the\s+)?(?:[Ss]tate\s+|[Oo]fficial\s+)?(?:[Nn]ews\s+[Aa]gency\s+|[Tt]elevision\s+|TV\s+)?[\p{L}'’ .-]{2,40}?)(?:[,.;)]|\s+(?:on|in|as|and|which|that|said)\b|$)")
            .unwrap()
    });
    let mut carrier: Option<String> = None;
    for c in carried.captures_iter(s) {
        let m0 = c.get(0).unwrap();
        let name = c.get(1).unwrap().as_str().trim();
        if is_agency(name) || is_agency(&canonical(name)) || name.to_lowercase().contains("state ") {
            carrier.get_or_insert_with(|| canonical(name));
            let name_end = c.get(1).unwrap().end();
            out.retain(|a| !(a.verb_start >= m0.start() && a.verb_end <= name_end));
            // "A military statement quoted by Xinhua said …": the statement speaks, the
            // agency carries it.
            let by = c.get(1).unwrap();
            if let Some(a) = out
                .iter_mut()
                .find(|a| a.name_start >= by.start() && a.name_end <= by.end())
            {
                let verb_at = m0.start();
                if let Some((ns, ne)) = np_before(s, verb_at) {
                    a.name_start = ns;
                    a.name_end = ne;
                    a.value.name = canonical(&s[ns..ne]);
                    a.value.party = party_of(&s[ns..ne], &a.value.name);
                    a.value.conduit = Some(canonical(name));
                    a.rule = "speaker.quoted-by";
                }
            }
        }
    }
    if let Some(agency) = carrier {
        if out.iter().any(|a| !is_agency(&a.value.name)) {
            for a in out.iter_mut() {
                a.value.conduit.get_or_insert_with(|| agency.clone());
            }
        }
    }
    // An agency beside another speaker is a conduit, not a speaker.
    let has_other = out.iter().any(|a| !is_agency(&a.value.name));
    if has_other {
        let agencies: Vec<String> = out
            .iter()
            .filter(|a| is_agency(&a.value.name))
            .map(|a| a.value.name.clone())
            .collect();
        if let Some(agency) = agencies.first() {
            out.retain(|a| !is_agency(&a.value.name));
            for a in &mut out {
                a.value.conduit = Some(agency.clone());
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn att(
    a: usize,
    b: usize,
    vs: usize,
    ve: usize,
    scope: Scope,
    name: &str,
    verb: &str,
    rule: &'static str,
) -> Attribution {
    Attribution {
        name_start: a,
        name_end: b,
        verb_start: vs,
        verb_end: ve,
        scope,
        value: SpeakerValue {
            name: canonical(name),
            verb: verb.to_string(),
            conduit: None,
            party: party_of(name, &canonical(name)),
            title: title_of(name),
        },
        rule,
    }
}

/// The title words before a person's name in a speaker's noun phrase, lower case and
/// without nationality ("US Secretary of State John Kerry" → "secretary of state").
pub fn title_of(np: &str) -> Option<String> {
    let name = canonical(np);
    if name.split_whitespace().count() < 2
        || !name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let at = np.find(&name)?;
    let title: Vec<String> = np[..at]
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| {
            !w.is_empty()
                && !matches!(w.as_str(), "the" | "a" | "an" | "us" | "u.s" | "un" | "u.n")
                && crate::mentions::entity::country_of(&title_case_word(w)).is_none()
        })
        .collect();
    (!title.is_empty()).then(|| title.join(" "))
}

fn title_case_word(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Whether a canonical name is a pronoun that needs resolving.
pub fn is_pronoun(name: &str) -> bool {
    PRONOUNS.contains(&name.to_lowercase().as_str())
}

/// Whether a name is a news agency or outlet.
pub fn is_conduit(name: &str) -> bool {
    is_agency(name)
}

/// The scope of a verb after a speaker and an aside: "…, a monitoring group, said on
/// Sunday." closes what came before; "…, a monitoring group, said at least 80 died" opens
/// what follows.
fn scope_after_aside(tail: &str) -> Scope {
    let core = without_carrier(tail);
    if tail.is_empty()
        || tail.starts_with(['.', ','])
        || !core.contains(" that ") && core.len() < 60 && closing_tail(core)
    {
        Scope::Before
    } else {
        Scope::After
    }
}

/// The words after a reporting verb without the agency that carried the statement when it
/// ends the sentence ("said in a statement carried by the state news agency SANA." →
/// "said in a statement"): who carried it says nothing of what the verb covers.
fn without_carrier(tail: &str) -> &str {
    static END: OnceLock<Regex> = OnceLock::new();
    let end = END.get_or_init(|| {
        crate::regexes::new(
            r"(?i)\s*,?\s+(?:carried|quoted|cited|relayed|broadcast|published|reported)\s+by\s+[^\d,;:.!?]{2,60}\W*$",
        )
        .expect("carrier pattern")
    });
    match end.find(tail) {
        Some(m) if m.start() > 0 => tail[..m.start()].trim_end(),
        _ => tail,
    }
}

/// "… said in a statement on Thursday evening, as rescue teams continued …": a short
/// adverbial after the verb, then a comma and a clause of the sentence's own (opened by "as",
/// "while", "amid" …). What the verb covers is before it.
fn adverbial_then_clause(tail: &str) -> bool {
    let Some((head, rest)) = tail.split_once(',') else {
        return false;
    };
    let next = rest.split_whitespace().next().unwrap_or("").to_lowercase();
    head.len() < 45
        && !head.contains(" that ")
        && !head
            .trim_start()
            .strip_prefix("at ")
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        && closing_tail(head)
        && matches!(
            next.as_str(),
            "as" | "while" | "after" | "when" | "but" | "amid" | "although" | "though" | "even"
        )
}

/// Whether what follows a reporting verb only says when or where it was said ("said on
/// Sunday", "said in a statement", "said at a news conference", "said later"), so that the
/// verb closes the words before it; "said at least 80 died" opens a figure instead.
fn closing_tail(tail: &str) -> bool {
    let t = tail.to_lowercase();
    let t = t.as_str();
    if t.starts_with("at least") || t.starts_with("at most") || t.starts_with("in all") {
        return false;
    }
    [
        "on ",
        "in ",
        "later",
        "according",
        "at ",
        "earlier",
        "last ",
        "this ",
        "yesterday",
        "today",
        "late ",
        "late,",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<(String, Scope, Option<String>)> {
        find_in(s)
            .into_iter()
            .map(|a| (a.value.name, a.scope, a.value.conduit))
            .collect()
    }

    #[test]
    fn a_bodys_name_keeps_its_own_words() {
        for (np, name) in [
            (
                "the Prime Ministry's Disaster and Emergency Management Authority",
                "Disaster and Emergency Management Authority",
            ),
            ("Emergency Management Authority", "Emergency Management Authority"),
            (
                "the National Disaster Management Authority",
                "National Disaster Management Authority",
            ),
            (
                "Office for the Coordination of Humanitarian Affairs",
                "Office for the Coordination of Humanitarian Affairs",
            ),
            ("State Department spokesman John Kirby", "John Kirby"),
            (
                "Turkey's Disaster Management Authority",
                "Disaster Management Authority",
            ),
        ] {
            assert_eq!(canonical(np), name, "{np}");
        }
    }

    #[test]
    fn a_postposed_speaker_with_an_adverbial_then_a_clause_covers_what_precedes() {
        let n = names("The toll has risen to 284, the disaster agency said in a statement on Thursday evening, as rescue teams searched the mine.");
        assert_eq!((n[0].0.as_str(), n[0].1), ("disaster agency", Scope::Before));
        // Words after the adverbial that are what was said stay after the verb.
        let n = names("The agency said on Thursday, that the toll had risen to 284.");
        assert_eq!(n[0].1, Scope::After);
        let n = names("The agency said on Thursday that 284 people had died, as rescue teams searched the mine.");
        assert_eq!(n[0].1, Scope::After);
        let n = names("Union officials put the figure at 201, saying many bodies were still underground.");
        assert_eq!(n[0].1, Scope::After);
        let n = names("Police said on Thursday, adding that 284 people had died.");
        assert_eq!(n[0].1, Scope::After);
    }

    #[test]
    fn a_speaker_before_an_interjected_phrase_and_after_a_country_name() {
        let n = names("The Syrian army, in a statement carried by state news agency SANA, said its own truce would last 72 hours.");
        assert_eq!(
            (n[0].0.as_str(), n[0].1, n[0].2.as_deref()),
            ("Syrian military", Scope::After, Some("SANA")),
            "{n:?}"
        );
        let n = names("The Kremlin, speaking through its spokesman, said the truce would hold.");
        assert_eq!(n[0].0.as_str(), "Russia", "{n:?}");
        let n = names("The truce began at 1 a.m. on Wednesday, the U.S. State Department said, and Moscow agreed.");
        assert_eq!(n[0].1, Scope::Before, "{n:?}");
        // A possessive after the verb is no speaker, and an aside without a preposition is
        // not skipped.
        assert!(!names("The truce held, said its own monitors.")
            .iter()
            .any(|a| a.0 == "its"));
        let n = names("Fighting resumed in Aleppo, Homs and Hama, said the monitor.");
        assert!(!n.iter().any(|a| a.0 == "Hama" || a.0 == "Aleppo"), "{n:?}");
    }

    #[test]
    fn subject_verb_postposed_and_according_to() {
        assert_eq!(
            names("The Syrian military says Thursday will be the first day.")[0].0,
            "Syrian military"
        );
        assert_eq!(
            names("Reports have differed, with the U-S stating it would come into effect.")[0].0,
            "United States"
        );
        let n = names("They agreed to extend it, US State Department spokesman Mark Toner confirmed.");
        assert_eq!((n[0].0.as_str(), n[0].1), ("Mark Toner", Scope::Before));
        let n = names("A military statement quoted by Xinhua said the truce starts on Saturday.");
        assert_eq!(
            (n[0].0.as_str(), n[0].2.as_deref()),
            ("military statement", Some("Xinhua"))
        );
        let n = names("Reuters reported that the army said the truce would end on Friday.");
        assert_eq!((n[0].0.as_str(), n[0].2.as_deref()), ("army", Some("Reuters")), "{n:?}");
        let n = names("\"It will be for 48 hours,\" Toner added later, according to Reuters.");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Toner");
        assert_eq!(n[0].2.as_deref(), Some("Reuters"));
        assert_eq!(
            names("According to Al Jazeera, the UN applauded the drop.")[0].0,
            "Al Jazeera"
        );
        assert_eq!(
            names("the Syrian army command said, according to state media")[0].0,
            "Syrian military"
        );
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("the U.S."), "United States");
        assert_eq!(canonical("Washington"), "United States");
        assert_eq!(canonical("Syrian army"), "Syrian military");
        assert_eq!(canonical("US Secretary of State, John Kerry"), "John Kerry");
        assert_eq!(canonical("Russian Foreign Minister Sergey Lavrov"), "Sergey Lavrov");
    }

    #[test]
    fn a_described_appositive_leaves_the_speaker_before_it() {
        assert_eq!(
            names("The Syrian Observatory for Human Rights, a monitoring group based in Britain, said 12 people died.")
                [0]
            .0,
            "Syrian Observatory for Human Rights"
        );
    }

    #[test]
    fn a_statement_carried_by_an_agency_still_closes_the_sentence() {
        for s in [
            "The truce will last 48 hours, the army command said in a statement carried by the state news agency SANA.",
            "At least 12 people died, the ministry said in remarks quoted by Interfax.",
            "The ceasefire began at midnight, the Syrian military said in a statement broadcast by state television.",
        ] {
            let n = names(s);
            assert_eq!(n[0].1, Scope::Before, "{s}: {n:?}");
            assert!(n[0].2.is_some(), "{s}: no conduit in {n:?}");
        }
        // A carrier in the middle of the sentence leaves the verb opening what follows.
        let opens =
            names("The army said in a statement carried by SANA that 80 soldiers had died in the attack on the base.");
        assert_eq!(opens[0].1, Scope::After, "{opens:?}");
        assert_eq!(without_carrier("on Sunday, quoted by Reuters."), "on Sunday");
        assert_eq!(without_carrier("at least 80 died"), "at least 80 died");
    }

    #[test]
    fn a_verb_after_an_appositive_opens_a_figure_and_closes_a_time() {
        let opens = names(
            "The Syrian Observatory for Human Rights, a UK-based monitoring group, said at least 80 soldiers had died.",
        );
        assert_eq!(opens[0].0, "Syrian Observatory for Human Rights");
        assert_eq!(opens[0].1, Scope::After, "{opens:?}");
        let closes = names(
            "At least 80 soldiers died, the Syrian Observatory for Human Rights, a monitoring group, said on Sunday.",
        );
        assert_eq!(closes[0].1, Scope::Before, "{closes:?}");
        let subject = names("The army said at least 80 soldiers had died.");
        assert_eq!(subject[0].1, Scope::After, "{subject:?}");
    }

    #[test]
    fn a_time_before_the_speakers_determiner_is_not_its_name() {
        let n = names("By Tuesday the U.N. said aid convoys were still waiting.");
        assert_eq!(n[0].0, "United Nations");
        let n = names("Late on Friday the foreign ministry said the talks would resume.");
        assert_eq!(n[0].0, "foreign ministry");
        // A name that holds no time keeps its determiner's words.
        let n = names("The Syrian Observatory for Human Rights said 12 were killed.");
        assert_eq!(n[0].0, "Syrian Observatory for Human Rights");
    }

    #[test]
    fn an_acronym_in_brackets_before_the_verb_is_the_speakers_own() {
        let n = names("The national disaster mitigation agency (BNPB) said on Thursday that 259 people had died.");
        assert!(n.first().is_some_and(|s| s.0.contains("agency")), "{n:?}");
    }

    #[test]
    fn no_verb_no_speaker() {
        assert!(find_in("The truce took effect on Wednesday.").is_empty());
    }
}
