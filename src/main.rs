//! The `crosscheck` binary: arguments → run → output → exit code (0 clean, 1 unacknowledged
//! conflicts, 2 errors). The library does the work.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::corpus::{self, parse_published};
use crosscheck::report::{github, sarif, terminal};
use crosscheck::verify;

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Cross-checks the claims news sources make about one story"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum VerifyFormat {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum MentionsFormat {
    Json,
    Human,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims from the workspace's articles, cross-check them, write claims/ and reports/.
    Verify {
        /// The workspace: a folder with corpus/ (and claims/, reports/).
        #[arg(default_value = ".")]
        workspace: PathBuf,
        /// What to print.
        #[arg(long, value_enum, default_value = "human")]
        format: VerifyFormat,
        /// Write nothing; fail (exit 1) when the reports in reports/ differ from what the
        /// corpus gives now, printing a unified diff of what changed.
        #[arg(long)]
        check: bool,
    },
    /// Print the claim graph (sources, subjects, claims, findings) for other tools; writes nothing.
    Graph {
        #[arg(default_value = ".")]
        workspace: PathBuf,
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
    /// Print what the extraction sees in each file, before any cross-checking.
    Mentions {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Publication date to resolve against (overrides front matter).
        #[arg(long)]
        published: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: MentionsFormat,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("crosscheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn print_warnings(warnings: &[corpus::Warning]) {
    for w in warnings {
        eprintln!("crosscheck: warning: {}: {}", w.path, w.message);
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Verify {
            workspace,
            format,
            check,
        } => {
            let run = if check {
                verify::analyse(&workspace)?
            } else {
                verify::run(&workspace)?
            };
            let stale = if check {
                verify::check_reports(&workspace, &run)
            } else {
                Vec::new()
            };
            let mut t = crosscheck::timings::Stages::from_env();
            if matches!(format, VerifyFormat::Json) && !check {
                // The JSON report is printed from the file just written to reports/ (on a big
                // corpus it is most of the run's output, written piece by piece and never
                // whole in memory).
                let path = workspace.join("reports").join("report.json");
                let mut file = std::fs::File::open(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                let mut stdout = std::io::stdout().lock();
                std::io::copy(&mut file, &mut stdout)?;
                stdout.flush()?;
            } else {
                let out: std::borrow::Cow<str> = match format {
                    VerifyFormat::Human => terminal::render(&run).into(),
                    VerifyFormat::Json => crosscheck::report::json::rendered(&run).into(),
                    VerifyFormat::Github => github::render(&run).into(),
                    VerifyFormat::Sarif => sarif::render(&run).into(),
                };
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(out.as_bytes())?;
                stdout.flush()?;
            }
            if !matches!(format, VerifyFormat::Human) {
                print_warnings(&run.warnings);
            }
            if !stale.is_empty() {
                for d in &stale {
                    eprint!("{d}");
                }
                eprintln!("crosscheck: reports/ are out of date with corpus/; run `crosscheck verify` and commit them");
                return Ok(1);
            }
            let code = if run.failing().next().is_some() { 1 } else { 0 };
            t.stage("print the summary");
            // The process ends here: giving back a big run's memory piece by piece would
            // only delay the exit (the operating system takes it back whole).
            std::mem::forget(run);
            Ok(code)
        }
        Command::Graph { workspace, format } => {
            let run = verify::analyse(&workspace)?;
            let g = crosscheck::graph::ClaimGraph::build(&run.sources, &run.subjects, &run.claims, &run.findings);
            match format {
                GraphFormat::Dot => print!("{}", g.to_dot()),
                GraphFormat::Json => println!("{}", serde_json::to_string_pretty(&g.to_json())?),
            }
            Ok(0)
        }
        Command::Mentions {
            files,
            published,
            format,
        } => {
            let published = match published {
                Some(p) => Some(parse_published(&p).map_err(|e| anyhow::anyhow!("--published: {e}"))?),
                None => None,
            };
            // Every file is read and parsed before anything is printed, so that a bad one is
            // an error with nothing on stdout; then each is extracted and printed in turn, so
            // that what is held is one file's mentions, never the whole output.
            let mut sources = Vec::with_capacity(files.len());
            for file in files {
                let bytes = std::fs::read(&file).map_err(|e| crosscheck::Error::io(&file, e))?;
                let rel = file.to_string_lossy().into_owned();
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut warnings = Vec::new();
                let read = corpus::read_article(&rel, &name, &bytes, &mut warnings)?;
                print_warnings(&warnings);
                let Some(mut source) = read else { continue };
                if published.is_some() {
                    source.published = published.clone();
                }
                sources.push((rel, source));
            }
            let lexicon = crosscheck::mentions::Lexicon::builtin();
            let print = || -> std::io::Result<()> {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                match format {
                    MentionsFormat::Json => {
                        // The array is written element by element with the formatter
                        // `to_string_pretty` uses, so the bytes are the same as one big value's.
                        use serde::ser::{SerializeSeq, Serializer};
                        let mut ser = serde_json::Serializer::pretty(&mut w);
                        let mut seq = ser.serialize_seq(Some(sources.len()))?;
                        for (rel, source) in sources {
                            let ex = verify::extract(&source, &lexicon);
                            seq.serialize_element(&MentionsOut {
                                file: &rel,
                                source: &source,
                                mentions: &ex.mentions,
                            })?;
                        }
                        seq.end()?;
                        writeln!(w)?;
                    }
                    MentionsFormat::Human => {
                        for (rel, source) in sources {
                            let ex = verify::extract(&source, &lexicon);
                            writeln!(w, "{rel}")?;
                            for m in &ex.mentions {
                                let m = mention_json(&source, m);
                                writeln!(
                                    w,
                                    "  {}:{}  {:9} {:40} {}",
                                    m["span"]["line"],
                                    m["span"]["column"],
                                    m["kind"].as_str().unwrap_or(""),
                                    m["text"].as_str().unwrap_or(""),
                                    m["value"]
                                )?;
                            }
                        }
                    }
                }
                w.flush()
            };
            match print() {
                // The reader stopped reading (`| head`): nothing more to say.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
                r => r.map(|()| 0).map_err(Into::into),
            }
        }
    }
}

/// One mention as `mentions` prints it (keys in the order of a JSON map: sorted).
fn mention_json(source: &corpus::Source, m: &crosscheck::mentions::Mention) -> serde_json::Value {
    let (line, column) = source.line_col(m.span.start);
    serde_json::json!({
        "kind": m.kind(),
        "span": {"start": m.span.start, "end": m.span.end, "line": line, "column": column},
        "text": m.span.text(&source.text),
        "value": m.value,
        "rule": m.rule,
    })
}

/// One file's entry of `mentions --format json`: `{"file", "mentions", "published"}` (sorted
/// keys, as a JSON map gives them), its mentions serialised one at a time.
struct MentionsOut<'a> {
    file: &'a str,
    source: &'a corpus::Source,
    mentions: &'a [crosscheck::mentions::Mention],
}

impl serde::Serialize for MentionsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Each<'a>(&'a corpus::Source, &'a [crosscheck::mentions::Mention]);
        impl serde::Serialize for Each<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.1.iter().map(|m| mention_json(self.0, m)))
            }
        }
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("mentions", &Each(self.source, self.mentions))?;
        map.serialize_entry("published", &self.source.published.as_ref().map(|p| &p.raw))?;
        map.end()
    }
}
