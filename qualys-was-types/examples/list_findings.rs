//! Lists the findings of a finding search response (`search/was/finding`).
//!
//! ```sh
//! cargo run -p qualys-was-types --example list_findings -- response.xml
//! ```

use qualys_was_types::generated::finding::FindingServiceResponse;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: list_findings SEARCH_RESPONSE.xml");
        std::process::exit(2);
    };
    let xml = std::fs::read_to_string(&path)?;
    let response: FindingServiceResponse =
        qualys_was_types::from_xml(&xml).map_err(|e| format!("{path}:{e}"))?;
    println!(
        "{} ({} findings{})",
        response.response_code,
        response.count.unwrap_or(0),
        if response.has_more_records == Some(true) {
            ", more available"
        } else {
            ""
        }
    );
    for f in response.data.iter().flat_map(|d| d.finding.iter()) {
        println!(
            "{:>10}  QID {:>6}  sev {}  {:<22} {}",
            f.id.map(|id| id.to_string()).unwrap_or_default(),
            f.qid.map(|q| q.to_string()).unwrap_or_default(),
            f.severity
                .as_ref()
                .map(|s| s.get().to_string())
                .unwrap_or_default(),
            f.type_.as_ref().map(|t| t.to_string()).unwrap_or_default(),
            f.name.as_deref().unwrap_or("").trim(),
        );
    }
    Ok(())
}
