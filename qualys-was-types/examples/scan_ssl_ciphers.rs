//! Reads a scan download (`download/was/wasscan/<id>`) and prints its SSL ciphers.
//!
//! ```sh
//! cargo run -p qualys-was-types --example scan_ssl_ciphers -- scan.xml
//! ```
//!
//! The information-gathered items are streamed one at a time, so this works on
//! downloads of any size in bounded memory.

use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: scan_ssl_ciphers SCAN_DOWNLOAD.xml");
        std::process::exit(2);
    };
    let input = BufReader::new(std::fs::File::open(&path)?);
    for ig in qualys_was_types::stream::wasscan_igs(input) {
        let ig = ig.map_err(|e| format!("{path}:{e}"))?;
        let ciphers = ig
            .ssl_data
            .iter()
            .flat_map(|ssl| ssl.ssl_data_info_list_iter())
            .flat_map(|info| info.ssl_data_cipher_list_iter());
        for c in ciphers {
            println!(
                "QID {:>6}  {:<8} {:<32} kex={:<6} auth={:<6} mac={:<6} enc={:<12} grade={}",
                ig.qid,
                c.protocol.as_deref().unwrap_or("-"),
                c.name.as_deref().unwrap_or("-"),
                c.key_exchange.as_deref().unwrap_or("-"),
                c.auth.as_deref().unwrap_or("-"),
                c.mac.as_deref().unwrap_or("-"),
                c.encryption.as_deref().unwrap_or("-"),
                c.grade.as_deref().unwrap_or("-"),
            );
        }
    }
    Ok(())
}
