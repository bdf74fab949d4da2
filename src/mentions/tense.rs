//! Which way a sentence looks from the article's date: the nearest tense marker around an
//! expression decides whether a bare "Thursday" is the last one or the next one.

/// The direction a clause points in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "going",
    "expected",
    "due",
    "scheduled",
    "plans",
    "plan",
    "set",
    "to",
    "from",
    "starting",
    "until",
    "till",
    "next",
    "upcoming",
    "coming",
    "begins",
    "starts",
    "takes",
    "comes",
    "is",
    "are",
    "be",
    "tomorrow",
    "must",
    "expects",
    "expect",
    "forecast",
    "forecasts",
    "predicts",
    "projected",
    "intends",
    "aims",
    "hopes",
    "seeks",
    "by",
    "expires",
    "ends",
    "opens",
    "closes",
    "resumes",
    "meets",
    "could",
    "may",
    "might",
    "can",
    "should",
    "possible",
    "likely",
    "retires",
    "returns",
    "arrives",
    "leaves",
    "faces",
    "holds",
    "hosts",
    "plays",
    "launches",
    "travels",
    "visits",
    "choose",
    "vote",
    "votes",
    "begin",
    "start",
    "take",
    "for",
    "later",
    "through",
    "open",
    "meet",
    "arrive",
    "leave",
    "return",
    "resume",
];
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "went",
    "took",
    "came",
    "began",
    "started",
    "said",
    "told",
    "ago",
    "has",
    "have",
    "been",
    "since",
    "earlier",
    "announced",
    "yesterday",
    "held",
    "met",
    "spoke",
    "saw",
    "made",
    "left",
    "fell",
    "rose",
    "hit",
    "struck",
    "killed",
];

/// The tense around `[start, end)` of `sentence` (byte offsets into it): the marker
/// nearest to the expression within its clause wins (up to twelve words on either side); a
/// verb ending in "-ed" counts as past, unless a future auxiliary governs it ("will be
/// held"), and "to" after "set", "due", "plans" looks ahead. Words after a comma belong to
/// another clause, unless the expression opens the sentence ("On Thursday, the army will").
pub fn tense_around(sentence: &str, start: usize, end: usize) -> Tense {
    let (start, end) = (start.min(sentence.len()), end.min(sentence.len()));
    let before_text = &sentence[..start];
    let before_text = before_text
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ';' | ':' | '"' | '\u{201c}' | '\u{201d}'))
        .map_or(before_text, |(i, c)| &before_text[i + c.len_utf8()..]);
    let after_text = &sentence[end..];
    let opens = words(before_text).next().is_none()
        || before_text.trim_end().ends_with(',') && words(before_text).take(3).count() <= 2;
    let stops: &[char] = if opens { &[';', ':'] } else { &[';', ':', ','] };
    let after_text = after_text.find(stops).map_or(after_text, |i| &after_text[..i]);
    // Only the twelve words nearest the expression on each side are looked at (so the work
    // per expression does not grow with the sentence).
    let after: Vec<&str> = words(after_text).take(12).collect();
    let window: Vec<String> = words(before_text).rev().take(12).map(|w| w.to_lowercase()).collect();
    let mut best: Option<(usize, Tense)> = None;
    let mut offer = |dist: usize, t: Tense| {
        if t != Tense::Unknown && best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, t));
        }
    };
    for (i, w) in window.iter().enumerate() {
        let mut t = classify(w, i <= 1);
        let governed = |words: &[String]| {
            words.iter().take(3).any(|a| {
                matches!(
                    a.as_str(),
                    "will"
                        | "would"
                        | "shall"
                        | "'ll"
                        | "going"
                        | "scheduled"
                        | "due"
                        | "could"
                        | "may"
                        | "might"
                        | "must"
                )
            })
        };
        // "agreed the plan on Saturday": a plan named by a determiner is a noun, no future.
        if matches!(w.as_str(), "plan" | "plans")
            && window.get(i + 1).is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "the" | "a" | "this" | "that" | "its" | "their" | "his" | "her" | "peace" | "new"
                )
            })
        {
            continue;
        }
        // "planned for November", "blamed for": "for" looks ahead only from a verb that
        // does not itself look back.
        if w == "for" && window.get(i + 1).is_some_and(|p| classify(p, false) == Tense::Past) {
            continue;
        }
        // A participle after a future auxiliary belongs to a future verb group: "will be
        // held", "is scheduled to be signed".
        if t == Tense::Past && governed(&window[i + 1..]) {
            t = Tense::Future;
        }
        // "set to", "due to", "plans to": an infinitive that looks ahead.
        if w == "to"
            && window.get(i + 1).is_some_and(|p| {
                matches!(
                    p.as_str(),
                    // "The truce is to take effect on Monday".
                    "is" | "are"
                        | "set"
                        | "due"
                        | "expected"
                        | "scheduled"
                        | "plans"
                        | "planned"
                        | "plan"
                        | "going"
                        | "hopes"
                        | "aims"
                        | "likely"
                        | "poised"
                        | "about"
                        | "ready"
                        | "intends"
                        | "wants"
                        | "vowed"
                        | "promised"
                        | "threatened"
                        | "prepared"
                )
            })
        {
            t = Tense::Future;
        }
        // A preposition that opens or closes a stretch of time ("from 2.08am to 3.15am",
        // "until Saturday") looks ahead only when no verb nearer says otherwise: "the
        // bombing went on from 2.08am until 3.15am" is past.
        if t == Tense::Future && matches!(w.as_str(), "to" | "until" | "till" | "from" | "through") {
            offer(i + 8, t);
            continue;
        }
        offer(i, t);
    }
    for (i, w) in after.iter().take(12).enumerate() {
        offer(i, classify(&w.to_lowercase(), false));
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

fn classify(w: &str, right_before: bool) -> Tense {
    // Weak future cues only count right before the expression ("from Thursday", "to be"),
    // not as an infinitive further away ("to rebuild the February truce").
    let weak_future = matches!(
        w,
        "to" | "is"
            | "are"
            | "be"
            | "from"
            | "until"
            | "till"
            | "set"
            | "by"
            | "for"
            | "begin"
            | "start"
            | "take"
            | "vote"
    );
    if FUTURE.contains(&w) && (!weak_future || right_before) {
        if matches!(w, "is" | "are") {
            return Tense::Unknown;
        }
        return Tense::Future;
    }
    if PAST.contains(&w) {
        return Tense::Past;
    }
    if w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w,
            "need" | "speed" | "indeed" | "proceed" | "succeed" | "exceed" | "hundred" | "red" | "embed"
        )
    {
        return Tense::Past;
    }
    Tense::Unknown
}

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, needle: &str) -> Tense {
        let at = s.find(needle).unwrap();
        tense_around(s, at, at + needle.len())
    }

    #[test]
    fn nearest_marker_decides() {
        assert_eq!(
            t("The army says Thursday will be the first day", "Thursday"),
            Tense::Future
        );
        assert_eq!(
            t(
                "The truce was reached late Tuesday and went into effect Wednesday",
                "Wednesday"
            ),
            Tense::Past
        );
        assert_eq!(
            t("it would come into effect from Wednesday", "Wednesday"),
            Tense::Future
        );
        assert_eq!(t("Talks on Thursday", "Thursday"), Tense::Unknown);
        assert_eq!(
            t("Russia began its airstrikes at the end of September", "September"),
            Tense::Past
        );
    }

    #[test]
    fn is_to_looks_ahead_and_a_plan_agreed_looks_back() {
        assert_eq!(t("The truce is to take effect on Monday", "Monday"), Tense::Future);
        assert_eq!(t("The new rules are to apply from Monday", "Monday"), Tense::Future);
        assert_eq!(
            t(
                "Washington and Moscow agreed the plan in Geneva on Saturday",
                "Saturday"
            ),
            Tense::Past
        );
        assert_eq!(t("The army plans to withdraw on Saturday", "Saturday"), Tense::Future);
    }

    #[test]
    fn curly_quotes_bound_the_clause_without_splitting_characters() {
        assert_eq!(t("\u{201c}Talks will resume on Friday", "Friday"), Tense::Future);
        assert_eq!(
            t("He said \u{201c}it ended on Friday\u{201d} and left", "Friday"),
            Tense::Past
        );
    }
}
