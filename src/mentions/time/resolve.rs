//! Resolution: a group of components becomes one [`TimeValue`], anchored on the article's
//! publication date (or, for anaphora such as "the next day", on the last date the article
//! named), with the tense of the clause choosing between the last and the next of a
//! weekday, month or quarter. Also the TimeML TIMEX3 value of every result.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::Offset;
use jiff::ToSpan;

use super::components::{Comp, Kind};
use super::lexicon::holiday;
use super::zones::Zone;
use super::{Anchor, Reference};
use crate::mentions::tense::{tense_around, Tense};
use crate::mentions::timeval::{Grain, Interval, TimeValue};

/// The value a group of components stands for, and the rule that read it: resolve the date
/// part, then the part of the period, the part of day, the clock and the zone.
pub fn resolve(
    group: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Anchor,
) -> Option<(TimeValue, &'static str)> {
    let find = |slot: u8| group.iter().find(|c| c.kind.slot() == slot).map(|c| &c.kind);
    let tense = match (tense_around(sentence, start, end), reference.lean) {
        (Tense::Unknown, super::Lean::Future) => Tense::Future,
        (t, _) => t,
    };
    let ref_date = reference.date;
    let day_kind = find(1);
    let year_kind = find(2);
    let clock = find(3);
    let weekday = find(4);
    let part = find(5).and_then(|k| match k {
        Kind::Part(p) => Some(p.clone()),
        _ => None,
    });
    let pod = find(6).and_then(|k| match k {
        Kind::Pod(p) => Some(*p),
        _ => None,
    });
    let zone = find(7).and_then(|k| match k {
        Kind::Zone(z) => Some(z.clone()),
        _ => None,
    });
    match find(8) {
        Some(Kind::Vague(t)) => return Some((TimeValue::vague(t), "time.vague")),
        Some(Kind::Set(v)) => return Some((TimeValue::vague(v), "time.set")),
        _ => {}
    }
    // Bare pieces that are not times on their own.
    let only = |slots: &[u8]| group.iter().all(|c| slots.contains(&c.kind.slot()));
    if only(&[5, 6, 7]) && !matches!(pod, Some("overnight")) {
        return None;
    }
    if matches!(day_kind, Some(Kind::TheUnit(_))) && part.is_none() {
        return None;
    }
    if group.len() == 1 {
        match &group[0].kind {
            Kind::Month {
                bare_ambiguous: true, ..
            } => return None,
            Kind::Year { bare: true, y } if !(1900..=2100).contains(y) => return None,
            _ => {}
        }
    }
    let clock_zone = match clock {
        Some(Kind::Clock { zone: Some(z), .. }) => Some(z.clone()),
        _ => None,
    };
    let zone = zone.or(clock_zone);
    // The year a group names, if any: "2012", "last year", "fiscal 2012".
    let named_year: Option<i16> = match year_kind {
        Some(Kind::Year { y, .. }) => Some(*y),
        Some(Kind::RelUnit { modifier, unit }) if unit == "year" => {
            let r = ref_date?;
            relative_unit(r, modifier, unit).map(|(a, ..)| a.year())
        }
        _ => None,
    };
    // A time named from the last one mentioned, else from the article's date.
    let anchor = last.date.or(ref_date);

    // 1. The day, month or year the expression names.
    let mut rule = "time.date";
    let mut grain;
    let mut timex_override: Option<String> = None;
    let (mut s, mut e): (DateTime, DateTime);
    let midnight = Time::midnight();
    match (day_kind, weekday, year_kind) {
        (Some(Kind::Date { y, m, d }), wd, _) => {
            let date = match y.or(named_year) {
                Some(y) => Date::new(y, *m, *d).ok()?,
                None => {
                    let r = ref_date?;
                    let guess = infer_year_for_day(*m, *d, r, tense)?;
                    // "Saturday, April 30": the weekday names the year (the nearest one in
                    // which that date is that day), whatever the tense suggests.
                    match wd {
                        Some(Kind::Weekday { wd, .. }) if guess.weekday() != *wd => {
                            let cands: Vec<Date> = [r.year() - 1, r.year(), r.year() + 1]
                                .iter()
                                .filter_map(|y| Date::new(*y, *m, *d).ok())
                                .filter(|c| c.weekday() == *wd)
                                .collect();
                            cands
                                .into_iter()
                                .min_by_key(|c| (r.since(*c).map_or(i64::MAX, |sp| sp.get_days().abs() as i64), *c))
                                .unwrap_or(guess)
                        }
                        _ => guess,
                    }
                }
            };
            s = date.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
        }
        (Some(Kind::Holiday(name)), _, _) => {
            let name = name.trim_start_matches("the ").trim_start_matches("The ");
            let date = match named_year {
                Some(y) => holiday(name, y)?,
                None => {
                    let r = ref_date?;
                    let cands: Vec<Date> = [r.year() - 1, r.year(), r.year() + 1]
                        .iter()
                        .filter_map(|y| holiday(name, *y))
                        .collect();
                    pick_near(&cands, r, tense)?
                }
            };
            s = date.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.holiday";
        }
        (Some(Kind::MonthYear { y, m }), _, _) => {
            s = Date::new(*y, *m, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.month()).ok()?;
            grain = Grain::Month;
        }
        (Some(Kind::Month { m, modifier, .. }), _, _) => {
            let y = match named_year {
                Some(y) => y,
                None => {
                    let r = ref_date?;
                    match modifier.as_deref() {
                        Some("last") | Some("past") => {
                            if *m < r.month() {
                                r.year()
                            } else {
                                r.year() - 1
                            }
                        }
                        Some("next") | Some("coming") => {
                            if *m > r.month() {
                                r.year()
                            } else {
                                r.year() + 1
                            }
                        }
                        Some("this") => r.year(),
                        _ => infer_year_for_month(*m, r, tense)?,
                    }
                }
            };
            s = Date::new(y, *m, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.month()).ok()?;
            grain = Grain::Month;
            rule = "time.month";
        }
        (Some(Kind::Quarter { q }), _, _) => {
            let y = match named_year {
                Some(y) => y,
                None => infer_year_for_part(*q, 3, ref_date?, tense),
            };
            s = Date::new(y, (*q - 1) * 3 + 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(3.months()).ok()?;
            grain = Grain::Quarter;
            timex_override = Some(format!("{y}-Q{q}"));
            rule = "time.quarter";
        }
        (Some(Kind::Half { h }), _, _) => {
            let y = match named_year {
                Some(y) => y,
                None => infer_year_for_part(*h, 6, ref_date?, tense),
            };
            s = Date::new(y, (*h - 1) * 6 + 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(6.months()).ok()?;
            grain = Grain::Quarter;
            timex_override = Some(format!("{y}-H{h}"));
            rule = "time.half";
        }
        (Some(Kind::Season { code, month }), _, _) => {
            let y = match named_year {
                Some(y) => y,
                None => {
                    let r = ref_date?;
                    let starts = Date::new(r.year(), *month, 1).ok()?;
                    match tense {
                        Tense::Future if starts.checked_add(3.months()).ok()? <= r => r.year() + 1,
                        Tense::Future => r.year(),
                        _ if starts > r => r.year() - 1,
                        _ => r.year(),
                    }
                }
            };
            s = Date::new(y, *month, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(3.months()).ok()?;
            grain = Grain::Season;
            timex_override = Some(format!("{y}-{code}"));
            rule = "time.season";
        }
        (Some(Kind::Fiscal { y }), _, _) => {
            s = Date::new(*y, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.year()).ok()?;
            grain = Grain::Year;
            timex_override = Some(format!("FY{y}"));
            rule = "time.fiscal-year";
        }
        (Some(Kind::RelDay { days, pod: rp }), _, _) => {
            let d = ref_date?.checked_add(days.days()).ok()?;
            s = d.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.relative-day";
            if let (Some(p), None) = (rp, pod) {
                let (ps, pe) = pod_hours(p);
                s = d.to_datetime(midnight).checked_add(ps.hours()).ok()?;
                e = d.to_datetime(midnight).checked_add(pe.hours()).ok()?;
                grain = Grain::PartOfDay;
                timex_override = Some(format!("{}{}", d.strftime("%Y-%m-%d"), pod_timex(p)));
            }
        }
        (Some(Kind::RelUnit { modifier, unit }), _, _) => {
            let r = ref_date?;
            let (a, b, gr, tx) = if modifier == "the" && unit == "weekend" {
                // "over the weekend": the last one, or the coming one in a future clause.
                let m = if tense == Tense::Future { "next" } else { "last" };
                let this = relative_unit(r, "this", unit)?;
                if (m == "last" && this.0 <= r) || (m == "next" && this.0 >= r) {
                    this
                } else {
                    relative_unit(r, m, unit)?
                }
            } else {
                relative_unit(r, modifier, unit)?
            };
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            timex_override = Some(tx);
            rule = "time.relative-period";
        }
        (Some(Kind::Anaphor { unit, offset }), _, _) => {
            let base = anchor?;
            let (a, gr) = match unit.as_str() {
                "week" | "weekend" => (base.checked_add((7 * offset).days()).ok()?, Grain::Week),
                "month" => (base.checked_add(offset.months()).ok()?, Grain::Month),
                "year" => (base.checked_add(offset.years()).ok()?, Grain::Year),
                _ => (base.checked_add(offset.days()).ok()?, Grain::Day),
            };
            let (a, b, tx) = match gr {
                Grain::Week => {
                    let (wa, wb, _, tx) = relative_unit(a, "this", "week")?;
                    (wa, wb, Some(tx))
                }
                _ => {
                    let (ta, tb) = truncate(a, gr)?;
                    (ta, tb, None)
                }
            };
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            timex_override = tx;
            rule = "time.anaphoric";
            if let Some(p) = super::lexicon::pod_name(unit).filter(|_| gr == Grain::Day) {
                let (ps, pe) = pod_hours(p);
                s = a.to_datetime(midnight).checked_add(ps.hours()).ok()?;
                e = a.to_datetime(midnight).checked_add(pe.hours()).ok()?;
                grain = Grain::PartOfDay;
                timex_override = Some(format!("{}{}", a.strftime("%Y-%m-%d"), pod_timex(p)));
            }
        }
        (Some(Kind::TheUnit(unit)), _, _) => {
            // "the end of the month" in news is the current one.
            let base = ref_date?;
            let (a, b, gr, tx) = match unit.as_str() {
                "day" => {
                    let (a, b) = truncate(base, Grain::Day)?;
                    (a, b, Grain::Day, a.strftime("%Y-%m-%d").to_string())
                }
                u => relative_unit(base, "this", u)?,
            };
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            timex_override = Some(tx);
            rule = "time.anaphoric";
        }
        (Some(Kind::Ago { n, unit, dir }), _, _) => {
            let base = if dir == "ago" || dir == "from now" {
                ref_date?
            } else {
                anchor?
            };
            let sign = if dir == "ago" || dir == "earlier" { -1.0 } else { 1.0 };
            let n = (n * sign).round() as i64;
            // "a year earlier" after a quarter or a month is that quarter or month a year
            // before ("profit of $3 million, against $2 million a year earlier").
            if unit == "year" && (dir == "earlier" || dir == "later") && last.date.is_some() {
                if let Some(g @ (Grain::Quarter | Grain::Month)) = last.grain {
                    let d = base.checked_add(n.years()).ok()?;
                    let (a, b, gr, tx) = match g {
                        Grain::Quarter => relative_unit(d, "this", "quarter")?,
                        _ => relative_unit(d, "this", "month")?,
                    };
                    return finish(
                        a.to_datetime(midnight),
                        b.to_datetime(midnight),
                        gr,
                        Some(tx),
                        None,
                        zone,
                        reference,
                        None,
                        "time.relative-offset",
                    );
                }
            }
            let (d, gr) = match unit.as_str() {
                "minute" | "hour" => (base, Grain::Day),
                "day" => (base.checked_add(n.days()).ok()?, Grain::Day),
                "week" => (base.checked_add(n.weeks()).ok()?, Grain::Week),
                "month" => (base.checked_add(n.months()).ok()?, Grain::Month),
                "year" => (base.checked_add(n.years()).ok()?, Grain::Year),
                "decade" => (base.checked_add((n * 10).years()).ok()?, Grain::Year),
                "century" => (base.checked_add((n * 100).years()).ok()?, Grain::Year),
                _ => return None,
            };
            if gr == Grain::Week {
                let (a, b, _, tx) = relative_unit(d, "this", "week")?;
                s = a.to_datetime(midnight);
                e = b.to_datetime(midnight);
                timex_override = Some(tx);
            } else {
                let (a, b) = truncate(d, gr)?;
                s = a.to_datetime(midnight);
                e = b.to_datetime(midnight);
            }
            grain = gr;
            rule = "time.relative-offset";
        }
        (Some(Kind::Decade { y }), _, _) => {
            s = Date::new(*y, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(10.years()).ok()?;
            grain = Grain::Decade;
            rule = "time.decade";
        }
        (Some(Kind::Century { c }), _, _) => {
            s = Date::new(c * 100, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(100.years()).ok()?;
            grain = Grain::Century;
            rule = "time.century";
        }
        (None, Some(Kind::Weekday { wd, modifier, plural }), _) => {
            if *plural {
                let n = wd.to_monday_one_offset();
                let set = match pod {
                    Some(p) => format!("XXXX-WXX-{n}{}", pod_timex(p)),
                    None => format!("XXXX-WXX-{n}"),
                };
                return Some((TimeValue::vague(&set), "time.weekday-set"));
            }
            // "from Sunday's earthquake": a possessive weekday names something that
            // happened, whatever preposition stands before it.
            let possessive = sentence[end..].starts_with("'s") || sentence[end..].starts_with("\u{2019}s");
            let weak_cue = matches!(
                super::lexicon::word_before(sentence, start).as_str(),
                "from" | "for" | "to" | "by" | "until" | "through" | "on"
            );
            let tense = if possessive && tense == Tense::Future && weak_cue {
                Tense::Past
            } else {
                tense
            };
            let d = resolve_weekday(*wd, modifier.as_deref(), ref_date?, tense);
            s = d.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.weekday";
        }
        (None, None, Some(Kind::Year { y, .. })) => {
            s = Date::new(*y, 1, 1).ok()?.to_datetime(midnight);
            e = s.checked_add(1.year()).ok()?;
            grain = Grain::Year;
            rule = "time.year";
        }
        (None, None, Some(Kind::RelUnit { modifier, unit })) => {
            let (a, b, gr, tx) = relative_unit(ref_date?, modifier, unit)?;
            s = a.to_datetime(midnight);
            e = b.to_datetime(midnight);
            grain = gr;
            timex_override = Some(tx);
            rule = "time.relative-period";
        }
        (None, None, None) => {
            // A clock time or a part of day alone: the day the story last named, when that
            // is a day near the article's, else the article's own day.
            let r = ref_date?;
            let r = match (last.date, last.grain) {
                (Some(d), Some(Grain::Day | Grain::PartOfDay | Grain::Minute | Grain::Hour))
                    if (d - r).get_days().abs() <= 7
                        && clock.is_some()
                        && match tense {
                            // A past clause is not on a day still to come, nor a future
                            // clause on one gone by.
                            Tense::Past => d <= r,
                            Tense::Future => d >= r,
                            Tense::Unknown => true,
                        } =>
                {
                    d
                }
                _ => r,
            };
            s = r.to_datetime(midnight);
            e = s.checked_add(1.day()).ok()?;
            grain = Grain::Day;
            rule = "time.clock";
            if matches!(pod, Some("overnight")) && clock.is_none() {
                let d = r.checked_sub(1.day()).ok()?;
                s = d.to_datetime(Time::new(20, 0, 0, 0).ok()?);
                e = r.to_datetime(Time::new(6, 0, 0, 0).ok()?);
                return Some((
                    TimeValue {
                        part: Some("overnight".into()),
                        ..TimeValue::from_interval(
                            Interval {
                                start: s,
                                end: e,
                                offset: None,
                            },
                            Grain::PartOfDay,
                            format!("{}TNI", d.strftime("%Y-%m-%d")),
                        )
                    },
                    "time.overnight",
                ));
            }
        }
        _ => return None,
    }
    // A weekday beside a date must agree with it.
    let mut mismatch = None;
    if let (Some(Kind::Weekday { wd, .. }), Grain::Day) = (weekday, grain) {
        if day_kind.is_some() && s.date().weekday() != *wd {
            mismatch = Some(format!("{} is a {:?}, not a {:?}", s.date(), s.date().weekday(), wd));
        }
    }
    let base_day = s.date();
    let mut part_label = None;
    // 2. Part of a period: "late Tuesday", "the end of September", "early 2015".
    if let Some(p) = &part {
        if grain == Grain::Year && matches!(p.as_str(), "the first half of" | "the second half of") {
            let h = if p.contains("first") { 1 } else { 2 };
            timex_override = Some(format!("{}-H{h}", s.year()));
        }
        let (a, b) = part_of(s, e, grain, p)?;
        s = a;
        e = b;
        part_label = Some(p.clone());
        if grain == Grain::Day {
            grain = Grain::PartOfDay;
        }
        rule = "time.part";
    }
    // 3. Part of day: "Wednesday evening", "late yesterday evening".
    if let Some(p) = pod {
        if grain == Grain::Day || grain == Grain::PartOfDay {
            let (ps, pe) = pod_hours(p);
            let day0 = base_day.to_datetime(midnight);
            let (mut a, b) = (day0.checked_add(ps.hours()).ok()?, day0.checked_add(pe.hours()).ok()?);
            if matches!(part.as_deref(), Some("late") | Some("later")) {
                // "Late on Wednesday night" is from about ten, not only after midnight.
                let shift = if matches!(p, "night" | "overnight") {
                    2
                } else {
                    (pe - ps) / 2
                };
                a = a.checked_add(shift.hours()).ok()?;
            } else if matches!(part.as_deref(), Some("early") | Some("earlier")) {
                let mid = a.checked_add(((pe - ps) / 2).hours()).ok()?;
                e = mid;
                s = a;
                part_label = Some(format!("early {p}"));
                grain = Grain::PartOfDay;
                timex_override = Some(format!("{}{}", base_day.strftime("%Y-%m-%d"), pod_timex(p)));
                return finish(s, e, grain, timex_override, part_label, zone, reference, mismatch, rule);
            }
            s = a;
            e = b;
            part_label = Some(match &part {
                Some(pt) => format!("{pt} {p}"),
                None => p.to_string(),
            });
            grain = Grain::PartOfDay;
            timex_override = Some(format!("{}{}", base_day.strftime("%Y-%m-%d"), pod_timex(p)));
        }
    }
    // 4. A clock time on that day.
    if let Some(Kind::Clock { h, m, .. }) = clock {
        if matches!(grain, Grain::Day | Grain::PartOfDay) {
            let mut h = *h;
            // "9 o'clock in the evening", "8 tonight": a pod after a 12-hour reading.
            if let Some("evening" | "night") = pod {
                if (1..12).contains(&h) {
                    h += 12;
                }
            }
            let t = Time::new(h, *m, 0, 0).ok()?;
            s = base_day.to_datetime(t);
            e = s.checked_add(1.minute()).ok()?;
            grain = Grain::Minute;
            timex_override = None;
            part_label = None;
            rule = "time.clock";
            // A bare "midnight" in a clause that looks ahead is the one that ends the day
            // (TimeML writes it T24:00 of that day).
            let is_midnight = group.iter().any(|c| {
                matches!(c.kind, Kind::Clock { h: 0, m: 0, .. })
                    && sentence[c.start..c.end].to_lowercase().ends_with("midnight")
                    && !sentence[c.start..c.end].to_lowercase().contains("minute")
            });
            if is_midnight && day_kind.is_none() && weekday.is_none() && year_kind.is_none() {
                // TimeML's midnight is the end of a day (T24:00): the end of the day the
                // story is on, or of the article's day in a clause that looks ahead; in a
                // past clause on the article's day, the midnight that began it.
                let ending = if Some(base_day) != ref_date || tense == Tense::Future {
                    base_day
                } else {
                    base_day.checked_sub(1.day()).ok()?
                };
                s = ending.checked_add(1.day()).ok()?.to_datetime(t);
                // "Midnight" in news is the round name of what official texts write 00:01
                // ("12.01 am"): it covers that minute too.
                e = s.checked_add(2.minutes()).ok()?;
                timex_override = Some(format!("{}T24:00", ending.strftime("%Y-%m-%d")));
            } else if is_midnight {
                // "midnight on Friday": TimeML reads the midnight that begins Friday, but
                // news style (AP's among them) means the one that ends it ("midnight Friday
                // (2200 GMT Friday)"). Both readings are kept; a conversion picks one.
                let next = base_day.checked_add(1.day()).ok()?.to_datetime(t);
                let (mut other, _) = finish(
                    next,
                    next.checked_add(1.minute()).ok()?,
                    grain,
                    Some(format!("{}T24:00", base_day.strftime("%Y-%m-%d"))),
                    None,
                    zone.clone(),
                    reference,
                    None,
                    rule,
                )?;
                other.part = Some(END_OF_DAY.to_string());
                let (mut v, rule) = finish(s, e, grain, timex_override, part_label, zone, reference, mismatch, rule)?;
                v.readings.push(other);
                return Some((v, rule));
            }
        }
    }
    finish(s, e, grain, timex_override, part_label, zone, reference, mismatch, rule)
}

/// Whether a conversion implies an offset three hours or more away from the one a
/// dateline's zone gave the clock (a real zone, a whole quarter hour): the clock was read
/// in another place's time. Nearer than that, the conversion is more likely wrong (a
/// summer-time hour missed) and is flagged.
/// Whether a zone is one of several in its country (Indonesia, the United States, Russia,
/// Australia, Brazil, …): a dateline there does not say which the story's place keeps.
fn spans_a_country_of_several_zones(zone: &jiff::tz::TimeZone) -> bool {
    let Some(name) = zone.iana_name() else { return false };
    const SEVERAL: &[&str] = &[
        "Asia/Jakarta",
        "Asia/Pontianak",
        "Asia/Makassar",
        "Asia/Jayapura",
        "America/",
        "Australia/",
        "Pacific/Honolulu",
        "Europe/Moscow",
        "Europe/Samara",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Asia/Krasnoyarsk",
        "Asia/Irkutsk",
        "Asia/Yakutsk",
        "Asia/Vladivostok",
        "Asia/Almaty",
        "Asia/Aqtobe",
        "Africa/Kinshasa",
        "Africa/Lubumbashi",
        "Asia/Ulaanbaatar",
        "Asia/Hovd",
    ];
    SEVERAL.iter().any(|z| {
        if z.ends_with('/') {
            name.starts_with(z)
        } else {
            name == *z
        }
    })
}

fn guessed_zone_is_elsewhere(a: &Interval, ao: Offset, b: &Interval, bo: Offset) -> bool {
    implied_offset(a, b, bo).is_some_and(|o| (o.seconds() - ao.seconds()).abs() >= 3 * 3600)
}

/// The UTC offset at which wall clock `a` is the moment `b` (at offset `bo`) states, when it
/// is one a real zone can have: a whole quarter hour from UTC-12 to UTC+14.
fn implied_offset(a: &Interval, b: &Interval, bo: Offset) -> Option<Offset> {
    let implied = b.start.duration_until(a.start).as_secs() + bo.seconds() as i64;
    ((-12 * 3600..=14 * 3600).contains(&implied) && implied % 900 == 0)
        .then(|| Offset::from_seconds(implied as i32).ok())
        .flatten()
}

/// The `part` of the other reading of "midnight on <day>": the midnight that ends the day.
pub const END_OF_DAY: &str = "midnight ending the day";

/// Whether a time's first reading is only the other reading of "midnight on <day>", not a
/// stated conversion.
pub fn end_of_day_reading(value: &TimeValue) -> bool {
    value
        .readings
        .first()
        .is_some_and(|r| r.part.as_deref() == Some(END_OF_DAY))
}

/// Whether `alt`, a conversion in brackets, can be the same moment as `value`: a clock
/// with no offset takes the one the conversion implies (a whole quarter hour, within
/// the world's offsets); otherwise the two must overlap.
fn converts_to(value: &TimeValue, alt: &TimeValue) -> bool {
    match (value.interval(), alt.interval()) {
        (Some(a), Some(b)) => match (a.offset, b.offset) {
            (None, Some(bo)) if value.grain == Grain::Minute && alt.grain == Grain::Minute => {
                implied_offset(&a, &b, bo).is_some()
            }
            _ => value.compatible(alt),
        },
        _ => true,
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    s: DateTime,
    e: DateTime,
    grain: Grain,
    timex_override: Option<String>,
    part: Option<String>,
    zone: Option<Zone>,
    reference: &Reference,
    mismatch: Option<String>,
    rule: &'static str,
) -> Option<(TimeValue, &'static str)> {
    // Offsets matter only below a day; a stated zone always names itself.
    let (offset, zone_name) = match (&zone, grain) {
        (Some(Zone::Fixed(o, n)), _) => (Some(*o), Some(n.clone())),
        (Some(Zone::Named(tz, n)), _) => (s.to_zoned(tz.clone()).ok().map(|z| z.offset()), Some(n.clone())),
        (Some(Zone::Local), _) | (None, Grain::Minute | Grain::Hour | Grain::PartOfDay) => match &reference.zone {
            Some(tz) => (
                s.to_zoned(tz.clone()).ok().map(|z| z.offset()),
                tz.iana_name().map(str::to_string),
            ),
            None => (None, zone.as_ref().map(|_| "local".to_string())),
        },
        (None, _) => (None, None),
    };
    let offset = if matches!(grain, Grain::Minute | Grain::Hour | Grain::PartOfDay) {
        offset
    } else {
        None
    };
    let timex = timex_override.unwrap_or_else(|| timex_of(s, grain));
    let mut v = TimeValue::from_interval(
        Interval {
            start: s,
            end: e,
            offset,
        },
        grain,
        timex,
    );
    v.zone = zone_name;
    v.part = part;
    v.mismatch = mismatch;
    Some((v, rule))
}

/// Joins a parenthesised reading to the main one: "Wednesday (14 September)" becomes the
/// date with the weekday checked; "1 a.m. Thursday (2200 GMT Wednesday)" keeps both and
/// checks that they are one moment.
#[allow(clippy::too_many_arguments)]
pub fn combine_alt(
    value: &mut TimeValue,
    group: &[Comp],
    alt: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Anchor,
) {
    let main_iv = value.interval();
    // Resolve the alternative around the main reading's day.
    let around = main_iv.map(|iv| iv.start.date()).or(reference.date);
    let alt_ref = Reference {
        date: around,
        zone: reference.zone.clone(),
        zone_guessed: reference.zone_guessed,
        lean: reference.lean,
    };
    // A bare clock in the brackets is on the main reading's day, not the last one named.
    let on_day = |date: Option<Date>| Anchor {
        date,
        grain: date.map(|_| Grain::Day),
    };
    let alt_last = if main_iv.is_some() { on_day(around) } else { *last };
    let Some((mut alt_value, _)) = resolve_near(alt, sentence, start, end, &alt_ref, &alt_last) else {
        return;
    };
    let main_has_date = group.iter().any(|c| c.kind.slot() == 1);
    let alt_has_date = alt.iter().any(|c| c.kind.slot() == 1);
    // A conversion with no day of its own is on whichever day puts it nearest the main
    // reading: "12:30 a.m. (2130 GMT)" is the evening before in GMT.
    if !alt_has_date {
        if let (Some(day), Some(a)) = (around, main_iv) {
            let distance = |v: &TimeValue| v.interval().and_then(|b| moment_gap(&a, &b));
            for shift in [-1i64, 1] {
                let near = Reference {
                    date: day.checked_add(jiff::Span::new().days(shift)).ok(),
                    ..alt_ref.clone()
                };
                if let Some((other, _)) = resolve_near(alt, sentence, start, end, &near, &on_day(near.date)) {
                    if let (Some(d_other), Some(d_now)) = (distance(&other), distance(&alt_value)) {
                        if d_other < d_now {
                            alt_value = other;
                        }
                    }
                }
            }
        }
    }
    let main_weekday = group.iter().find_map(|c| match &c.kind {
        Kind::Weekday { wd, .. } => Some(*wd),
        _ => None,
    });
    if !main_has_date && alt_has_date && value.grain == Grain::Day {
        // "Wednesday (14 September)": the date is the value; the weekday must match it.
        if let (Some(wd), Some(iv)) = (main_weekday, alt_value.interval()) {
            if iv.start.date().weekday() != wd {
                alt_value.mismatch = Some(format!(
                    "{} is a {:?}, not a {:?}",
                    iv.start.date(),
                    iv.start.date().weekday(),
                    wd
                ));
            }
        }
        let mismatch = alt_value.mismatch.take();
        *value = TimeValue { mismatch, ..alt_value };
        return;
    }
    // "midnight on Friday (2200 GMT Friday)": the conversion tells which midnight.
    if end_of_day_reading(value) {
        let mut other = value.readings.remove(0);
        value.readings.clear();
        let mut begins = value.clone();
        begins.readings.clear();
        if !converts_to(&begins, &alt_value) && converts_to(&other, &alt_value) {
            other.part = None;
            *value = other;
        }
    }
    // Two clock readings of one moment.
    if let (Some(a), Some(b)) = (value.interval(), alt_value.interval()) {
        match (a.offset, b.offset) {
            (None, Some(bo)) if value.grain == Grain::Minute && alt_value.grain == Grain::Minute => {
                // The conversion tells the local offset.
                if let Some(o) = implied_offset(&a, &b, bo) {
                    let iv = Interval { offset: Some(o), ..a };
                    let keep = (value.timex.clone(), value.zone.clone());
                    *value = TimeValue::from_interval(iv, Grain::Minute, keep.0);
                    value.zone = keep.1;
                } else {
                    value.mismatch = Some(format!(
                        "{} and {} cannot be the same moment",
                        value.display(),
                        alt_value.display()
                    ));
                }
            }
            (Some(ao), Some(bo))
                if value.grain == Grain::Minute
                    && alt_value.grain == Grain::Minute
                    // "10.30pm local time (9.30pm BST)" in a London paper: a conversion into
                    // the zone the clock was read in says "local" is somewhere else.
                    && (group.iter().any(|c| matches!(c.kind, Kind::Zone(Zone::Local)))
                        && !group.iter().any(|c| matches!(c.kind, Kind::Zone(Zone::Fixed(..) | Zone::Named(..))))
                        && ao == bo
                        && implied_offset(&a, &b, bo).is_some_and(|o| o != ao)
                        || reference.zone_guessed && local_elsewhere(group, reference, &a, ao, &b, bo)) =>
            {
                // The clock is not in the dateline's zone: the conversion tells its own.
                if let Some(o) = implied_offset(&a, &b, bo) {
                    let keep = value.timex.clone();
                    *value = TimeValue::from_interval(Interval { offset: Some(o), ..a }, Grain::Minute, keep);
                }
            }
            // "on Saturday evening (around 0000 GMT Sunday)" in a story datelined elsewhere:
            // a part of a day read in a guessed zone says too little to call the conversion
            // wrong.
            _ if reference.zone_guessed
                && value.grain != Grain::Minute
                && !group.iter().any(|c| matches!(c.kind, Kind::Zone(_))) => {}
            _ => {
                if !value.compatible(&alt_value) {
                    value.mismatch = Some(format!(
                        "{} and {} are not the same moment",
                        value.display(),
                        alt_value.display()
                    ));
                }
            }
        }
    }
    value.readings.push(alt_value);
}

/// With a dateline's zone guessed (no zone in the front matter): whether the clock was read
/// in another place's time, as its conversion tells.
fn local_elsewhere(group: &[Comp], reference: &Reference, a: &Interval, ao: Offset, b: &Interval, bo: Offset) -> bool {
    !group.iter().any(|c| matches!(c.kind, Kind::Zone(Zone::Fixed(..) | Zone::Named(..))))
                        && guessed_zone_is_elsewhere(a, ao, b, bo)
                        // "19:46 local time (19:46 Beijing time)" in a story datelined
                        // Jakarta: Lombok's local time, an hour ahead; a country of several
                        // zones leaves "local" to the place of the event.
                        || group.iter().any(|c| matches!(c.kind, Kind::Zone(Zone::Local)))
                            && !group.iter().any(|c| matches!(c.kind, Kind::Zone(Zone::Fixed(..) | Zone::Named(..))))
                            && reference.zone.as_ref().is_some_and(spans_a_country_of_several_zones)
                            && implied_offset(a, b, bo).is_some()
}

/// Seconds between the starts of two readings; a main reading with no offset yet is read
/// as UTC, so the gap is the offset the conversion would imply.
fn moment_gap(a: &Interval, b: &Interval) -> Option<i64> {
    let at = |iv: &Interval, or: Option<Offset>| Some(iv.offset.or(or)?.to_timestamp(iv.start).ok()?.as_second());
    Some((at(a, Some(Offset::UTC))? - at(b, None)?).abs())
}

fn resolve_near(
    alt: &[Comp],
    sentence: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    last: &Anchor,
) -> Option<(TimeValue, &'static str)> {
    // A weekday inside the parenthesis is the one nearest the main reading.
    let mut alt = alt.to_vec();
    for c in alt.iter_mut() {
        if let Kind::Weekday { modifier, .. } = &mut c.kind {
            if modifier.is_none() {
                *modifier = Some("nearest".into());
            }
        }
    }
    resolve(&alt, sentence, start, end, reference, last)
}

fn resolve_weekday(wd: Weekday, modifier: Option<&str>, r: Date, tense: Tense) -> Date {
    let diff =
        |a: Weekday, b: Weekday| (a.to_monday_zero_offset() as i64 - b.to_monday_zero_offset() as i64).rem_euclid(7);
    let back = diff(r.weekday(), wd); // days back to the latest `wd` on or before r
    let fwd = diff(wd, r.weekday()); // days forward to the next `wd` on or after r
    let offset = match modifier {
        Some("last") | Some("previous") | Some("this past") => -(if back == 0 { 7 } else { back }),
        Some("next") | Some("this coming") | Some("coming") | Some("following") => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some("nearest") | Some("this") => {
            if back <= fwd {
                -back
            } else {
                fwd
            }
        }
        _ => match tense {
            Tense::Future => fwd,
            _ => -back,
        },
    };
    r.checked_add(offset.days()).unwrap_or(r)
}

/// The candidate nearest the reference in the direction the tense points (past by default).
fn pick_near(cands: &[Date], r: Date, tense: Tense) -> Option<Date> {
    let delta = |c: &Date| c.since(r).map(|s| s.get_days() as i64).unwrap_or(0);
    match tense {
        Tense::Future => cands.iter().filter(|c| delta(c) >= -2).min_by_key(|c| delta(c)),
        Tense::Past => cands.iter().filter(|c| delta(c) <= 2).max_by_key(|c| delta(c)),
        // No tense: the nearest, a day ahead counting as two behind (news looks back).
        Tense::Unknown => cands
            .iter()
            .min_by_key(|c| if delta(c) > 0 { 2 * delta(c) } else { -delta(c) }),
    }
    .copied()
}

fn infer_year_for_day(m: i8, d: i8, r: Date, tense: Tense) -> Option<Date> {
    let cands: Vec<Date> = [r.year() - 1, r.year(), r.year() + 1]
        .iter()
        .filter_map(|y| Date::new(*y, m, d).ok())
        .collect();
    pick_near(&cands, r, tense)
}

fn infer_year_for_month(m: i8, r: Date, tense: Tense) -> Option<i16> {
    let rm = r.month();
    Some(match tense {
        Tense::Future => {
            if m >= rm {
                r.year()
            } else {
                r.year() + 1
            }
        }
        Tense::Past => {
            if m <= rm {
                r.year()
            } else {
                r.year() - 1
            }
        }
        Tense::Unknown => {
            if m <= rm + 1 {
                r.year()
            } else {
                r.year() - 1
            }
        }
    })
}

/// The year of the `n`-th part of `months` months ("the fourth quarter", "the first half"):
/// the latest one that has begun by the article's date, or in a future clause the next one
/// that has not ended.
fn infer_year_for_part(n: i8, months: i8, r: Date, tense: Tense) -> i16 {
    let current = (r.month() - 1) / months + 1;
    match tense {
        Tense::Future => {
            if n >= current {
                r.year()
            } else {
                r.year() + 1
            }
        }
        _ => {
            if n <= current {
                r.year()
            } else {
                r.year() - 1
            }
        }
    }
}

fn truncate(d: Date, grain: Grain) -> Option<(Date, Date)> {
    Some(match grain {
        Grain::Day => (d, d.checked_add(1.day()).ok()?),
        Grain::Month => (d.first_of_month(), d.first_of_month().checked_add(1.month()).ok()?),
        Grain::Year => {
            let a = Date::new(d.year(), 1, 1).ok()?;
            (a, a.checked_add(1.year()).ok()?)
        }
        Grain::Decade => {
            let a = Date::new(d.year() - d.year().rem_euclid(10), 1, 1).ok()?;
            (a, a.checked_add(10.years()).ok()?)
        }
        _ => return None,
    })
}

/// The period `modifier unit` names from the reference date: "last week", "this year",
/// "next spring"; with its grain and TimeML value.
pub fn relative_unit(r: Date, modifier: &str, unit: &str) -> Option<(Date, Date, Grain, String)> {
    let shift: i64 = match modifier {
        "last" | "late last" | "early last" => -1,
        "next" | "early next" | "late next" => 1,
        _ => 0,
    };
    match unit {
        "week" | "weekend" => {
            let monday = r
                .checked_sub((r.weekday().to_monday_zero_offset() as i64).days())
                .ok()?;
            let a = monday.checked_add((7 * shift).days()).ok()?;
            let iso = a.iso_week_date();
            let (a, b) = if unit == "weekend" {
                (a.checked_add(5.days()).ok()?, a.checked_add(7.days()).ok()?)
            } else {
                (a, a.checked_add(7.days()).ok()?)
            };
            let suffix = if unit == "weekend" { "-WE" } else { "" };
            Some((a, b, Grain::Week, format!("{}-W{:02}{suffix}", iso.year(), iso.week())))
        }
        "month" => {
            let a = r.first_of_month().checked_add(shift.months()).ok()?;
            Some((
                a,
                a.checked_add(1.month()).ok()?,
                Grain::Month,
                a.strftime("%Y-%m").to_string(),
            ))
        }
        "year" => {
            let a = Date::new(r.year() + shift as i16, 1, 1).ok()?;
            Some((a, a.checked_add(1.year()).ok()?, Grain::Year, format!("{}", a.year())))
        }
        "decade" => {
            let y = r.year() + 10 * shift as i16;
            let a = Date::new(y - y.rem_euclid(10), 1, 1).ok()?;
            Some((
                a,
                a.checked_add(10.years()).ok()?,
                Grain::Decade,
                format!("{}", a.year() / 10),
            ))
        }
        "century" => {
            let y = r.year() + 100 * shift as i16;
            let a = Date::new(y - y.rem_euclid(100), 1, 1).ok()?;
            Some((
                a,
                a.checked_add(100.years()).ok()?,
                Grain::Century,
                format!("{}", a.year() / 100),
            ))
        }
        "quarter" => {
            let q0 = (r.month() - 1) / 3;
            let a = Date::new(r.year(), q0 * 3 + 1, 1)
                .ok()?
                .checked_add((3 * shift).months())
                .ok()?;
            let q = (a.month() - 1) / 3 + 1;
            Some((
                a,
                a.checked_add(3.months()).ok()?,
                Grain::Quarter,
                format!("{}-Q{q}", a.year()),
            ))
        }
        season @ ("spring" | "summer" | "autumn" | "fall" | "winter") => {
            let (m, code) = match season {
                "spring" => (3, "SP"),
                "summer" => (6, "SU"),
                "autumn" | "fall" => (9, "FA"),
                _ => (12, "WI"),
            };
            let ended = |y: i16| {
                Date::new(y, m, 1)
                    .ok()
                    .and_then(|d| d.checked_add(3.months()).ok())
                    .is_some_and(|end| end <= r)
            };
            let y = match shift {
                // The last one is the latest that has ended, the next one the first that
                // has not begun.
                -1 if ended(r.year()) => r.year(),
                -1 if ended(r.year() - 1) => r.year() - 1,
                -1 => r.year() - 2,
                1 if m > r.month() => r.year(),
                1 => r.year() + 1,
                _ => r.year(),
            };
            let a = Date::new(y, m, 1).ok()?;
            Some((a, a.checked_add(3.months()).ok()?, Grain::Season, format!("{y}-{code}")))
        }
        _ => None,
    }
}

fn part_of(s: DateTime, e: DateTime, grain: Grain, part: &str) -> Option<(DateTime, DateTime)> {
    let total = s.duration_until(e).as_secs();
    let frac = |a: f64, b: f64| -> Option<(DateTime, DateTime)> {
        let sa = s.checked_add(((total as f64 * a) as i64).seconds()).ok()?;
        let sb = s.checked_add(((total as f64 * b) as i64).seconds()).ok()?;
        Some((sa, sb))
    };
    match (part, grain) {
        ("late" | "later", Grain::Day) => frac(0.75, 1.0),
        ("early" | "earlier", Grain::Day) => frac(0.0, 0.375),
        ("mid", Grain::Day) => frac(0.375, 0.625),
        ("late" | "later" | "the end of", _) => frac(2.0 / 3.0, 1.0),
        ("early" | "earlier" | "the beginning of" | "the start of", _) => frac(0.0, 1.0 / 3.0),
        ("mid" | "the middle of", _) => frac(1.0 / 3.0, 2.0 / 3.0),
        ("the first half of", _) => frac(0.0, 0.5),
        ("the second half of", _) => frac(0.5, 1.0),
        _ => Some((s, e)),
    }
}

fn pod_hours(p: &str) -> (i64, i64) {
    match p {
        "morning" => (6, 12),
        "afternoon" => (12, 18),
        "evening" => (18, 24),
        "night" => (20, 28),
        "overnight" => (20, 30),
        _ => (0, 24),
    }
}

fn pod_timex(p: &str) -> &'static str {
    match p {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

/// The TimeML value of a time that starts at `s` with grain `grain`.
pub fn timex_of(s: DateTime, grain: Grain) -> String {
    match grain {
        Grain::Minute => s.strftime("%Y-%m-%dT%H:%M").to_string(),
        Grain::Hour => s.strftime("%Y-%m-%dT%H").to_string(),
        Grain::PartOfDay | Grain::Day => s.strftime("%Y-%m-%d").to_string(),
        Grain::Week => {
            let iso = s.date().iso_week_date();
            format!("{}-W{:02}", iso.year(), iso.week())
        }
        Grain::Month => s.strftime("%Y-%m").to_string(),
        Grain::Quarter => format!("{}-Q{}", s.year(), (s.month() - 1) / 3 + 1),
        Grain::Season | Grain::Year => format!("{}", s.year()),
        Grain::Decade => format!("{}", s.year() / 10),
        Grain::Century => format!("{:02}", s.year() / 100),
        Grain::Vague => "PAST_REF".into(),
    }
}
