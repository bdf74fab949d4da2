//! Independence: which sources are one report. A wire story republished by several
//! outlets (an AP story on ABC News, a Reuters story on Yahoo) is one source when claims are
//! counted for corroboration and support, however many files carry it; and a claim an
//! outlet attributes to an agency ("…, Reuters reported") stands on that agency's report.
//!
//! A story credited to a wire agency (its outlet is the agency or names it, "ABC News (AP)",
//! or its dateline does, "BEIRUT (AP) —") stands on that agency's report of the day.
//!
//! Copies are found in two steps so that large corpora stay cheap: sources that share at
//! least two long sentences word for word (after case and punctuation are folded) are
//! candidates; a candidate pair is one story when `similar`'s diff of the two bodies' words
//! says they are near-identical (ratio at least [`COPY_RATIO`], see [`word_ratio`]), which
//! allows a copy that is trimmed, retitled or lightly edited. Likeliest copies are diffed
//! first, a pair already one story is not diffed, and two stories found apart a few times
//! are not diffed again, so many copies of related stories cost diffs in proportion to the
//! copies, not to their square.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::claims::Claim;
use crate::corpus::Source;
use crate::mentions::speaker;

/// Words a sentence needs to count as evidence of copying.
const LONG_SENTENCE_WORDS: usize = 8;
/// Shared long sentences that make two sources candidates.
const MIN_SHARED: usize = 2;
/// `similar` word-diff ratio above which two bodies are one story.
pub const COPY_RATIO: f32 = 0.6;
/// Tenths of the shorter story's long sentences two stories must share to be diffed.
const MIN_SHARED_TENTHS: usize = 3;
/// Diffs that may find two stories apart before the rest of their pairs of copies are
/// skipped: a story and its copies on one side, another story and its copies on the other,
/// are joined when any two of them are near-identical, but a few failed diffs decide (the
/// copies of one story are alike, so one more pair would say what these said), and the work
/// does not grow with the square of the copies.
const MAX_APART_DIFFS: u8 = 3;
/// A sentence shared by more sources than this pairs each of them with the first one only,
/// not every two (boilerplate shared by a thousand stories would be half a million pairs).
const MAX_SHARERS: usize = 50;

fn normalised_sentences(body: &str) -> Vec<String> {
    // Sentence ends: a stop followed by a space or the end ("U.S." does not end one).
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let stop = matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) && {
            // "U.S.", "Feb.", "Mr.": abbreviations (a stop inside the word, or a short word).
            let word = body[..i].rsplit(char::is_whitespace).next().unwrap_or("");
            !(b == b'.' && (word.contains('.') || word.len() <= 3))
        };
        if stop || b == b'\n' {
            pieces.push(&body[start..i]);
            start = i + 1;
        }
    }
    pieces.push(&body[start..]);
    // Words folded straight into one string per sentence (the same as lowercasing each
    // word's letters and digits and joining them with spaces).
    let mut word = String::new();
    pieces
        .into_iter()
        .filter_map(|s| {
            let (mut out, mut words) = (String::new(), 0);
            for w in s.split_whitespace() {
                word.clear();
                word.extend(w.chars().filter(|c| c.is_alphanumeric()));
                if word.is_empty() {
                    continue;
                }
                if words > 0 {
                    out.push(' ');
                }
                if word.is_ascii() {
                    out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    out.push_str(&word.to_lowercase());
                }
                words += 1;
            }
            (words >= LONG_SENTENCE_WORDS).then_some(out)
        })
        .collect()
}

/// How alike two bodies are: `similar`'s diff ratio over their words (whitespace is not a
/// token: with it, any two texts of one length would share half their tokens, every space
/// matching a space, and two stories that quote one statement would look like copies).
/// 1 for the same words, 0 for no word in common, and about 2/3 for a story and a copy cut
/// to half of it.
pub fn word_ratio(a: &str, b: &str) -> f32 {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    similar::TextDiff::configure().diff_slices(&wa, &wb).ratio()
}

/// Word-diff ratios of candidate copies, by the two articles' hashes (the first source's,
/// then the second's, in source order): what [`groups_with`] was given from the last run
/// and what it used in this one. A ratio depends only on the two bodies, which the hashes
/// cover, so a ratio kept is the ratio the diff would give.
pub type Ratios = HashMap<(String, String), f32>;

/// The report each source stands on: source id → the key of its report (the agency and
/// day it is credited to, else the smallest id among its copies). Sources that copy nobody
/// and credit no agency are not in the map: they are their own report.
pub fn groups(sources: &[Source]) -> BTreeMap<String, String> {
    groups_with(sources, &Ratios::new()).0
}

/// [`groups`], taking the word-diff ratio of a candidate pair from `known` when it is there
/// instead of diffing the two bodies again (warm and incremental runs); also returns every
/// ratio the grouping used, to keep for the next run.
pub fn groups_with(sources: &[Source], known: &Ratios) -> (BTreeMap<String, String>, Ratios) {
    type Fast<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
    // Each distinct body is read once, in parallel (copies of one body give the same
    // sentences and the same hash).
    let mut first_of: Fast<&str, usize> = Fast::default();
    let body_of: Vec<usize> = sources
        .iter()
        .map(|s| {
            let next = first_of.len();
            *first_of.entry(s.body_text()).or_insert(next)
        })
        .collect();
    let mut bodies: Vec<&str> = vec![""; first_of.len()];
    for (body, k) in first_of {
        bodies[k] = body;
    }
    let read: Vec<Vec<String>> = bodies.par_iter().map(|body| normalised_sentences(body)).collect();
    // Copying is a relation between bodies: sources with one body are one story whenever
    // that body is long enough to show copying (what the word diff of two identical bodies
    // would say), and only distinct bodies are compared, so a story saved a thousand times
    // costs no more than once.
    let (nbodies, long_sentences) = (bodies.len(), read.iter().map(Vec::len).collect::<Vec<_>>());
    let mut sharers: Fast<&str, Vec<usize>> = Fast::default();
    let mut distinct_long: Vec<usize> = vec![0; nbodies];
    for (k, sentences) in read.iter().enumerate() {
        for sentence in sentences {
            // Bodies come in order, so each list stays sorted and without repeats.
            let list = sharers.entry(sentence.as_str()).or_default();
            if list.last() != Some(&k) {
                list.push(k);
                distinct_long[k] += 1;
            }
        }
    }
    let mut shared: Fast<(usize, usize), usize> = Fast::default();
    for v in sharers.values() {
        if v.len() < 2 {
            continue;
        }
        if v.len() > MAX_SHARERS {
            // Too many bodies for every pair (boilerplate, or one story copied again and
            // again): each is paired with the first only, so the work stays linear and the
            // copies of a much-copied story are still found (the diff decides, as always).
            for &b in &v[1..] {
                *shared.entry((v[0], b)).or_default() += 1;
            }
            continue;
        }
        for a in 0..v.len() {
            for b in a + 1..v.len() {
                *shared.entry((v[a], v[b])).or_default() += 1;
            }
        }
    }
    // A copy shares most of its sentences; two stories that share a stock sentence or two
    // are not diffed.
    let candidate = |n: usize, a: usize, b: usize| {
        n >= MIN_SHARED && n * 10 >= long_sentences[a].min(long_sentences[b]) * MIN_SHARED_TENTHS
    };
    let mut parent: Vec<usize> = (0..nbodies).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    // The first source of each body stands for it in the diff and in the kept ratios.
    let mut first_source = vec![usize::MAX; nbodies];
    let mut copies = vec![0usize; nbodies];
    for (i, &k) in body_of.iter().enumerate() {
        if first_source[k] == usize::MAX {
            first_source[k] = i;
        }
        copies[k] += 1;
    }
    // Likeliest copies first (the larger the share of sentences in common, the earlier; then
    // by body order, so the order is fixed), so that the copies of each story are joined
    // before stories are compared with each other. A pair already one story is skipped, and
    // so is a pair whose two stories have already been diffed and found apart
    // [`MAX_APART_DIFFS`] times.
    let mut candidates: Vec<(usize, usize, usize)> = shared
        .into_iter()
        .filter(|&((a, b), n)| candidate(n, a, b))
        .map(|((a, b), n)| (a, b, n))
        .collect();
    let share = |&(a, b, n): &(usize, usize, usize)| (n as u64, long_sentences[a].min(long_sentences[b]).max(1) as u64);
    candidates.sort_unstable_by(|x, y| {
        let ((nx, dx), (ny, dy)) = (share(x), share(y));
        (ny * dx).cmp(&(nx * dy)).then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut apart: Fast<(usize, usize), u8> = Fast::default();
    let mut used = Ratios::new();
    for (a, b, _) in candidates {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        let roots = (ra.min(rb), ra.max(rb));
        if ra == rb || apart.get(&roots).is_some_and(|&n| n >= MAX_APART_DIFFS) {
            continue;
        }
        let (sa, sb) = (&sources[first_source[a]], &sources[first_source[b]]);
        let articles = (sa.hash.clone(), sb.hash.clone());
        let ratio = known
            .get(&articles)
            .copied()
            .unwrap_or_else(|| word_ratio(bodies[a], bodies[b]));
        used.insert(articles, ratio);
        if ratio >= COPY_RATIO {
            parent[ra.max(rb)] = ra.min(rb);
        } else {
            *apart.entry(roots).or_default() += 1;
        }
    }
    // A body carried by several sources: its copies are one story when it would be a
    // candidate against itself.
    let self_copy: Vec<bool> = (0..nbodies)
        .map(|k| copies[k] > 1 && candidate(distinct_long[k], k, k))
        .collect();
    let roots: Vec<usize> = (0..nbodies).map(|k| find(&mut parent, k)).collect();
    let mut set_size = vec![0usize; nbodies];
    for &r in &roots {
        set_size[r] += 1;
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &k) in body_of.iter().enumerate() {
        // A body's sources are one story with every source of the bodies it was found to
        // copy, and with each other when the body itself shows copying; otherwise each
        // source is its own.
        let root = roots[k];
        let joined = set_size[root] > 1 || self_copy[k];
        let key = if joined { root } else { nbodies + i };
        members.entry(key).or_default().push(i);
    }
    // Whether an agency credits a source's story depends on its body, outlet and day: each
    // combination is looked at once.
    type CreditKey<'s> = (usize, Option<&'s str>, Option<String>);
    let mut credits: HashMap<CreditKey, Option<String>> = HashMap::new();
    let mut out = BTreeMap::new();
    for group in members.values() {
        // An agency's story, whoever carries it: "ABC News (AP)", "BEIRUT (AP) -", an
        // agency's own outlet; one report per agency and day.
        let credit = group
            .iter()
            .filter_map(|&i| {
                let s = &sources[i];
                let key = (
                    body_of[i],
                    s.outlet.as_deref(),
                    s.published.as_ref().map(|p| p.date.to_string()),
                );
                credits.entry(key).or_insert_with(|| credited(s)).clone()
            })
            .min();
        if group.len() < 2 && credit.is_none() {
            continue;
        }
        let head = credit.unwrap_or_else(|| group.iter().map(|&i| sources[i].id.clone()).min().unwrap_or_default());
        for &i in group {
            out.insert(sources[i].id.clone(), head.clone());
        }
    }
    (out, used)
}

/// The news agency a source's story comes from, with its day ("Associated Press
/// 2016-05-04"): the outlet is an agency, names one in brackets ("ABC News (AP)"), or the
/// dateline credits one ("BEIRUT (AP) —", "MOSCOW, May 6. /TASS/.").
pub fn credited(source: &Source) -> Option<String> {
    static DATELINE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let dateline = DATELINE.get_or_init(|| {
        crate::regexes::new(r"(?m)^[^\n]{0,60}?(?:\(([A-Za-z][A-Za-z .-]{1,30})\)|/([A-Z]{2,10})/)").unwrap()
    });
    let day = source
        .published
        .as_ref()
        .map(|p| p.date.to_string())
        .unwrap_or_default();
    let agency_in = |name: &str| {
        let c = speaker::canonical(name.trim());
        speaker::is_conduit(&c).then_some(c)
    };
    let from_outlet = source.outlet.as_deref().and_then(|o| {
        agency_in(o).or_else(|| {
            let inner = o.split('(').nth(1)?.split(')').next()?;
            agency_in(inner)
        })
    });
    let head: String = source.body_text().chars().take(400).collect();
    let from_dateline = dateline
        .captures_iter(&head)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).and_then(|m| agency_in(m.as_str())))
        .next();
    let agency = from_outlet.or(from_dateline)?;
    // Only wire agencies: a broadcaster's own story is its own report.
    if !matches!(
        agency.as_str(),
        "Associated Press"
            | "Agence France-Presse"
            | "Reuters"
            | "Xinhua"
            | "TASS"
            | "SANA"
            | "Anadolu Agency"
            | "Interfax"
            | "RIA Novosti"
            | "dpa"
            | "EFE"
            | "ANSA"
            | "Kyodo"
            | "Yonhap"
            | "UPI"
    ) {
        return None;
    }
    Some(format!("{agency} {day}"))
}

/// The report a claim stands on: the agency it is attributed to ("according to Reuters")
/// when that is not the source's own outlet, else the source's wire group, else the source.
pub fn report_of(claim: &Claim, groups: &BTreeMap<String, String>, outlets: &BTreeMap<&str, String>) -> String {
    if let Some(conduit) = &claim.conduit {
        let agency = speaker::canonical(conduit);
        let own = outlets.get(claim.source.as_str()).is_some_and(|o| *o == agency);
        if !own {
            return format!("via {agency}");
        }
    }
    groups
        .get(&claim.source)
        .cloned()
        .unwrap_or_else(|| claim.source.clone())
}

/// Each source's outlet in canonical form (for telling an agency's own copy from a credit).
pub fn outlets(sources: &[Source]) -> BTreeMap<&str, String> {
    sources
        .iter()
        .filter_map(|s| s.outlet.as_deref().map(|o| (s.id.as_str(), speaker::canonical(o))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_copied_more_times_than_max_sharers_is_one_report() {
        let body = "---\npublished: 2016-05-04\n---\nThe United States and Russia have persuaded the Syrian government to extend a truce to Aleppo.\n\nA major question remains over the long-term durability of the truce, which does not apply to the Islamic State group.\n";
        let n = MAX_SHARERS * 2 + 1;
        let sources: Vec<Source> = (0..n)
            .map(|i| {
                let text = format!("{body}Outlet {i} contributed to this report.\n");
                crate::corpus::parse_source(
                    &format!("corpus/c{i:03}.md"),
                    &format!("c{i:03}.md"),
                    text,
                    String::new(),
                )
                .unwrap()
            })
            .collect();
        let g = groups(&sources);
        assert_eq!(g.len(), n, "every copy is in the group");
        assert!(g.values().all(|h| h == "c000"), "{g:?}");
    }

    /// Two stories that share some sentences but are not copies, each copied many times
    /// with a small edit per copy: the copies of each are joined, the two stay apart, and
    /// the two stories are diffed against each other once, not once per pair of copies.
    #[test]
    fn copies_of_two_related_stories_cost_a_diff_per_copy_not_per_pair() {
        let shared = "Government forces and rebels agreed to a ceasefire in the northern city on Wednesday evening. \
            The agreement was announced by the foreign ministry after talks that lasted most of the night.";
        let a = "Residents of the old quarter said the shelling stopped shortly after midnight and that bakeries, pharmacies and vegetable stalls reopened by the morning. \
            Aid convoys loaded with flour, blankets and medicine were expected to reach the besieged eastern districts within days if the calm held. \
            Doctors at the main hospital said they had treated dozens of wounded civilians, many of them children, during the previous week of bombardment. \
            The United Nations envoy welcomed the deal in Geneva and urged both sides to respect it fully and to open humanitarian corridors.";
        let b = "Opposition leaders living in exile in Istanbul called the deal a trap and said their fighters would never withdraw from positions they hold. \
            Analysts interviewed by telephone doubted whether any truce could survive the coming weekend, given the mistrust between commanders. \
            Several previous agreements brokered by foreign powers collapsed within hours amid mutual accusations of violations and sniper fire. \
            Currency markets across the region rose sharply on the news before falling back late in the day as traders waited for confirmation.";
        let n = 12;
        let mut sources = Vec::new();
        for (name, story) in [("a", a), ("b", b)] {
            for i in 0..n {
                let text = format!("---\npublished: 2016-05-04\n---\n{shared} {story} Copy {i}.\n");
                let hash = crate::corpus::hash_bytes(text.as_bytes());
                let file = format!("{name}{i:02}.md");
                sources.push(crate::corpus::parse_source(&format!("corpus/{file}"), &file, text, hash).unwrap());
            }
        }
        let (g, used) = groups_with(&sources, &Ratios::new());
        assert_eq!(g.len(), 2 * n, "{g:?}");
        let heads: std::collections::BTreeSet<&String> = g.values().collect();
        assert_eq!(heads.len(), 2, "two stories: {heads:?}");
        assert_ne!(g["a00"], g["b00"]);
        // Each copy is diffed to join its story, and the two stories a few times at most.
        let apart = used.values().filter(|&&r| r < COPY_RATIO).count();
        assert_eq!(used.len(), 2 * (n - 1) + apart, "{used:?}");
        assert!((1..=MAX_APART_DIFFS as usize).contains(&apart), "{apart}");
    }

    /// Ratios kept from a run give the same groups without diffing again; a ratio is looked
    /// up by the two articles' hashes, so a kept ratio is used only for the same two texts.
    #[test]
    fn kept_ratios_give_the_same_groups() {
        let story = "The United States and Russia have persuaded the Syrian government to extend a truce to Aleppo. \
            A major question remains over the long-term durability of the truce, which does not apply to the Islamic State group. \
            Fighting continued on the outskirts of the city on Thursday, residents and monitors said.";
        let make = |name: &str, tail: &str| {
            let text = format!("---\npublished: 2016-05-04\n---\n{story} {tail}\n");
            let hash = crate::corpus::hash_bytes(text.as_bytes());
            crate::corpus::parse_source(&format!("corpus/{name}.md"), &format!("{name}.md"), text, hash).unwrap()
        };
        let sources = vec![
            make("a", "Reporting by one desk."),
            make("b", "Editing by another desk, with more words here."),
            make("c", "A third outlet ran it too."),
        ];
        let (fresh, used) = groups_with(&sources, &Ratios::new());
        assert_eq!(fresh.len(), 3, "{fresh:?}");
        assert!(!used.is_empty());
        let (again, used_again) = groups_with(&sources, &used);
        assert_eq!(again, fresh);
        assert_eq!(used_again, used);
        // A kept ratio says they are not copies: it is taken as it is (so it must only ever
        // be kept for these very texts).
        let low: Ratios = used.keys().map(|k| (k.clone(), 0.0)).collect();
        let apart = groups_with(&sources, &low).0;
        assert!(!apart.contains_key("a"), "{apart:?}");
        // Another text under the same source ids is diffed afresh.
        let changed = vec![
            make("a", "Reporting by one desk."),
            make("b", "Changed."),
            make("c", "A third outlet ran it too."),
        ];
        assert_eq!(groups_with(&changed, &low).0.len(), 3);
    }

    /// Sources with one body are one story when the body is long enough to show copying,
    /// as the word diff of two copies would say; a short body two outlets happen to share
    /// ("Fighting continued.") is no evidence, and a third source joins through its diff.
    #[test]
    fn identical_bodies_are_one_story_only_when_they_show_copying() {
        let story = "The United States and Russia have persuaded the Syrian government to extend a truce to Aleppo. \
            A major question remains over the long-term durability of the truce, which does not apply to the Islamic State group.";
        let make = |name: &str, body: &str| {
            let text = format!("---\npublished: 2016-05-04\n---\n{body}\n");
            crate::corpus::parse_source(
                &format!("corpus/{name}.md"),
                &format!("{name}.md"),
                text,
                name.to_string(),
            )
            .unwrap()
        };
        let sources = vec![
            make("a", story),
            make("b", story),
            make(
                "c",
                &format!("{story} Fighting continued on the outskirts of the city on Thursday, residents said."),
            ),
            make("d", "Fighting continued."),
            make("e", "Fighting continued."),
        ];
        let g = groups(&sources);
        assert_eq!(g.get("a").map(String::as_str), Some("a"), "{g:?}");
        assert_eq!(g.get("b").map(String::as_str), Some("a"), "{g:?}");
        assert_eq!(g.get("c").map(String::as_str), Some("a"), "{g:?}");
        assert!(!g.contains_key("d") && !g.contains_key("e"), "{g:?}");
    }

    #[test]
    fn sentences_are_folded_and_short_ones_dropped() {
        let s = normalised_sentences("The U.S. said Wednesday that a truce had taken hold in Aleppo. Short one.");
        assert_eq!(
            s,
            vec!["the us said wednesday that a truce had taken hold in aleppo".to_string()]
        );
    }
}
