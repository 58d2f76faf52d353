//! `cargo xtask bench`: throughput and memory of the document paths, as ratios to
//! the XML floor.
//!
//! Documents are synthetic scan downloads made from the release notes' scan download
//! fixture: its header, its six `WasScanIg` items repeated until the size is reached,
//! its tail. They are deterministic and written under `target/bench-data/`.
//!
//! Each phase runs in a child process (this binary, `bench-phase`), so its peak memory
//! (VmHWM) is its own. Times are medians over the runs; ratios are to the median of
//! the floor (a quick-xml event scan that reads every event and builds nothing) on
//! the same file in the same run.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{bail, Context};

/// Arguments of `cargo xtask bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Document sizes in MB to measure throughput on.
    #[arg(long, value_delimiter = ',', default_value = "1,100")]
    sizes: Vec<u64>,
    /// Size in MB of the document for the memory run (streaming and validation).
    #[arg(long, default_value_t = 500)]
    memory_size: u64,
    /// Runs per phase (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Skip xmllint even when it is installed.
    #[arg(long)]
    no_xmllint: bool,
}

/// Arguments of the hidden per-phase child command.
#[derive(clap::Args)]
pub struct PhaseArgs {
    /// floor, validate, parse, parse-serialize, stream, serde.
    phase: String,
    /// The document.
    file: PathBuf,
}

const BUF: usize = 1 << 16;

fn open(file: &Path) -> anyhow::Result<BufReader<std::fs::File>> {
    Ok(BufReader::with_capacity(
        BUF,
        std::fs::File::open(file).with_context(|| file.display().to_string())?,
    ))
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Runs one phase in this process and prints `seconds peak_kib items`.
pub fn run_phase(args: PhaseArgs) -> anyhow::Result<ExitCode> {
    use qualys_was_types::generated::wasscan::WasScan;
    let start = Instant::now();
    let items: u64 = match args.phase.as_str() {
        "floor" => {
            let mut reader = quick_xml::Reader::from_reader(open(&args.file)?);
            let mut buf = Vec::with_capacity(BUF);
            let mut events = 0u64;
            loop {
                match reader.read_event_into(&mut buf)? {
                    quick_xml::events::Event::Eof => break,
                    _ => events += 1,
                }
                buf.clear();
            }
            events
        }
        "validate" => {
            let violations =
                qualys_was_types::validate(open(&args.file)?, qualys_was_types::Schema::WasScan)?;
            if !violations.is_empty() {
                bail!("benchmark document is invalid: {}", violations[0]);
            }
            0
        }
        "parse" => {
            let scan: WasScan = qualys_was_types::from_reader(open(&args.file)?)?;
            scan.igs_iter().count() as u64
        }
        "parse-serialize" => {
            let scan: WasScan = qualys_was_types::from_reader(open(&args.file)?)?;
            let out = qualys_was_types::to_xml(&scan);
            out.len() as u64
        }
        "stream" => {
            let mut n = 0u64;
            for ig in qualys_was_types::stream::wasscan_igs(open(&args.file)?) {
                let ig = ig?;
                n += u64::from(ig.ssl_data.is_some());
            }
            n
        }
        other => bail!("unknown phase {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {} {items}", peak_rss_kib());
    Ok(ExitCode::SUCCESS)
}

/// Writes a synthetic scan download of about `mb` MB, unless it exists already.
fn make_document(dir: &Path, mb: u64) -> anyhow::Result<PathBuf> {
    let path = dir.join(format!("wasscan-{mb}mb.xml"));
    let target = mb * 1_000_000;
    if std::fs::metadata(&path).is_ok_and(|m| m.len() >= target) {
        return Ok(path);
    }
    let fixture =
        crate::workspace_root().join("tests/fixtures/release-notes/wasscan-download-ssl.xml");
    let text = std::fs::read_to_string(&fixture).with_context(|| fixture.display().to_string())?;
    let (Some(list_start), Some(list_end)) =
        (text.find("<WasScanIg>"), text.rfind("</list>\n</igs>"))
    else {
        bail!("{} has no igs list", fixture.display());
    };
    let (head, items, tail) = (
        &text[..list_start],
        &text[list_start..list_end],
        &text[list_end..],
    );
    let head = head.replace("<igs>\n  <list>", "<igs>\n  <count>0</count>\n  <list>");
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    out.write_all(head.as_bytes())?;
    let mut written = head.len() as u64;
    while written + (tail.len() as u64) < target {
        out.write_all(items.as_bytes())?;
        written += items.len() as u64;
    }
    out.write_all(tail.as_bytes())?;
    out.flush()?;
    Ok(path)
}

struct Sample {
    secs: f64,
    peak_mib: f64,
}

fn child(phase: &str, file: &Path) -> anyhow::Result<Sample> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .args(["bench-phase", phase])
        .arg(file)
        .output()?;
    if !out.status.success() {
        bail!(
            "phase {phase} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let secs: f64 = parts.next().unwrap_or("0").parse()?;
    let kib: f64 = parts.next().unwrap_or("0").parse()?;
    Ok(Sample {
        secs,
        peak_mib: kib / 1024.0,
    })
}

fn xmllint(file: &Path) -> anyhow::Result<Sample> {
    let schema = crate::workspace_root().join("schemas/wasscan.xsd");
    let start = Instant::now();
    let out = Command::new("xmllint")
        .args(["--stream", "--noout", "--schema"])
        .arg(schema)
        .arg(file)
        .output()?;
    let secs = start.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "xmllint rejects the benchmark document: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(Sample {
        secs,
        peak_mib: f64::NAN,
    })
}

fn median(mut v: Vec<Sample>) -> Sample {
    v.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    let peak = v.iter().map(|s| s.peak_mib).fold(0.0, f64::max);
    let mid = v.swap_remove(v.len() / 2);
    Sample {
        secs: mid.secs,
        peak_mib: peak,
    }
}

fn measure(runs: usize, f: impl Fn() -> anyhow::Result<Sample>) -> anyhow::Result<Sample> {
    let mut samples = Vec::new();
    for _ in 0..runs.max(1) {
        samples.push(f()?);
    }
    Ok(median(samples))
}

/// Runs the benchmark and prints its tables.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = crate::workspace_root().join("target/bench-data");
    let have_xmllint = !args.no_xmllint
        && Command::new("xmllint")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    println!(
        "machine: {} cores; build: release",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for &mb in &args.sizes {
        let file = make_document(&dir, mb)?;
        let bytes = std::fs::metadata(&file)?.len() as f64;
        println!(
            "\n## {} ({:.1} MB, {} runs per phase, median)",
            file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
            bytes / 1e6,
            args.runs
        );
        println!(
            "{:<18} {:>9} {:>9} {:>10} {:>10} {:>10}",
            "phase", "seconds", "MB/s", "x floor", "x xmllint", "peak MiB"
        );
        let floor = measure(args.runs, || child("floor", &file))?;
        let lint = if have_xmllint {
            Some(measure(args.runs, || xmllint(&file))?)
        } else {
            None
        };
        let row = |name: &str, s: &Sample| {
            let vs_lint = lint
                .as_ref()
                .map_or("-".to_string(), |l| format!("{:.2}", s.secs / l.secs));
            let peak = if s.peak_mib.is_nan() {
                "-".to_string()
            } else {
                format!("{:.1}", s.peak_mib)
            };
            println!(
                "{:<18} {:>9.3} {:>9.1} {:>10.2} {:>10} {:>10}",
                name,
                s.secs,
                bytes / 1e6 / s.secs,
                s.secs / floor.secs,
                vs_lint,
                peak
            );
        };
        row("floor", &floor);
        for phase in ["validate", "parse", "parse-serialize", "stream"] {
            let s = measure(args.runs, || child(phase, &file))?;
            row(phase, &s);
        }
        if let Some(l) = &lint {
            row("xmllint --stream", l);
        }
    }
    if args.memory_size > 0 {
        let file = make_document(&dir, args.memory_size)?;
        let bytes = std::fs::metadata(&file)?.len() as f64;
        println!(
            "\n## memory: {} ({:.1} MB, one run)",
            file.display(),
            bytes / 1e6
        );
        for phase in ["floor", "stream", "validate"] {
            let s = child(phase, &file)?;
            println!(
                "{:<10} {:>8.2} s  peak {:>7.1} MiB",
                phase, s.secs, s.peak_mib
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
