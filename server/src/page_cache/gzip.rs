//! The gzip variant of a cached page, compressed once per revision although
//! every response carries a different nonce.
//!
//! Deflate streams may be cut into pieces that are compressed on their own,
//! each ending on a sync flush (byte-aligned, nothing pending), and joined:
//! pigz does the same to compress in parallel. The page's parts between its
//! nonces are compressed that way once; a response puts each nonce between
//! them as a stored (uncompressed) block, ends the stream with an empty final
//! block, and wraps it in gzip's header and trailer (the CRC-32 of the page
//! with this nonce, computed per response: microseconds).

use axum::body::Bytes;
use flate2::{Compress, CompressError, Compression, Crc, FlushCompress};

/// The parts of a page, each compressed to raw deflate ending on a sync flush.
pub struct CompressedParts(Vec<Bytes>);

/// gzip header: magic, deflate, no flags, no time, no extra flags, unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A final, empty block with fixed Huffman codes: only its end-of-block code.
const LAST_BLOCK: [u8; 2] = [0x03, 0x00];

impl CompressedParts {
    pub fn compress(parts: &[Bytes]) -> Result<CompressedParts, CompressError> {
        parts
            .iter()
            .map(|part| deflate_to_sync_flush(part))
            .collect::<Result<_, _>>()
            .map(CompressedParts)
    }

    /// The gzip body of `parts` (the uncompressed parts these were made from)
    /// joined by `separator`, which must be shorter than 64 KiB.
    pub fn join(&self, parts: &[Bytes], separator: &[u8]) -> Vec<u8> {
        debug_assert_eq!(parts.len(), self.0.len());
        let stored = u16::try_from(separator.len()).expect("a separator under 64 KiB");
        let compressed: usize = self.0.iter().map(Bytes::len).sum();
        let mut body = Vec::with_capacity(
            HEADER.len() + compressed + (5 + separator.len()) * parts.len() + LAST_BLOCK.len() + 8,
        );
        let mut crc = Crc::new();
        body.extend_from_slice(&HEADER);
        for (i, (plain, deflated)) in parts.iter().zip(&self.0).enumerate() {
            if i > 0 {
                // a stored block: header bits 000 padded to the byte, the
                // length and its complement, then the bytes as they are
                body.push(0);
                body.extend_from_slice(&stored.to_le_bytes());
                body.extend_from_slice(&(!stored).to_le_bytes());
                body.extend_from_slice(separator);
                crc.update(separator);
            }
            body.extend_from_slice(deflated);
            crc.update(plain);
        }
        body.extend_from_slice(&LAST_BLOCK);
        body.extend_from_slice(&crc.sum().to_le_bytes());
        body.extend_from_slice(&crc.amount().to_le_bytes());
        body
    }
}

/// Raw deflate of `data`, ending on a sync flush and not final.
fn deflate_to_sync_flush(data: &[u8]) -> Result<Bytes, CompressError> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let consumed = compress.total_in() as usize;
        compress.compress_vec(&data[consumed..], &mut out, FlushCompress::Sync)?;
        // done when all input is in and the flush did not run out of room
        if compress.total_in() as usize == data.len() && out.len() < out.capacity() {
            return Ok(Bytes::from(out));
        }
        out.reserve(out.capacity().max(4096));
    }
}

/// Whether `accept_encoding` allows gzip (named, and not with `q=0`).
pub fn accepted(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut fields = item.split(';').map(str::trim);
        let name = fields.next().unwrap_or("");
        let refused = fields.any(|param| {
            param
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip")) && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .expect("a valid gzip body");
        out
    }

    #[test]
    fn joined_bodies_are_the_page_with_each_nonce() {
        let page: String = (0..2000)
            .map(|i| format!("<p class=\"row\">line {i} NONCE</p>\n"))
            .collect();
        let page = format!("NONCE<script nonce=\"NONCE\">{page}</script>NONCE");
        let parts = crate::page_cache::split(&Bytes::from(page.clone()), b"NONCE");
        assert_eq!(parts.len(), 2004);
        let compressed = CompressedParts::compress(&parts).unwrap();
        for nonce in ["abc", "a-much-longer-nonce_0123456789+/", ""] {
            let body = compressed.join(&parts, nonce.as_bytes());
            assert_eq!(gunzip(&body), page.replace("NONCE", nonce).into_bytes());
        }
    }

    #[test]
    fn a_page_with_a_few_nonces_compresses_well() {
        let rows: String = (0..2000)
            .map(|i| format!("<tr><td class=\"n\">{i}</td><td>$1,{i:03}</td></tr>\n"))
            .collect();
        let page = format!(
            "<script nonce=\"N\">a</script><script nonce=\"N\">b</script><table>{rows}</table><script nonce=\"N\">c</script>"
        );
        let parts = crate::page_cache::split(&Bytes::from(page.clone()), b"N\"");
        assert_eq!(parts.len(), 4);
        let body = CompressedParts::compress(&parts)
            .unwrap()
            .join(&parts, b"x\"");
        assert_eq!(gunzip(&body), page.replace("N\"", "x\"").into_bytes());
        assert!(
            body.len() * 5 < page.len(),
            "{} of {}",
            body.len(),
            page.len()
        );
    }

    #[test]
    fn a_page_without_nonces_and_an_empty_page_round_trip() {
        for page in ["", "no nonce here", &"x".repeat(200_000)] {
            let parts = vec![Bytes::from(page.to_string())];
            let body = CompressedParts::compress(&parts)
                .unwrap()
                .join(&parts, b"n");
            assert_eq!(gunzip(&body), page.as_bytes());
        }
    }

    #[test]
    fn gzip_is_accepted_when_named_without_q_zero() {
        for yes in [
            "gzip",
            "gzip, deflate, br, zstd",
            "br;q=1.0, GZIP;q=0.5",
            "x-gzip",
        ] {
            assert!(accepted(yes), "{yes}");
        }
        for no in [
            "",
            "br",
            "identity",
            "gzip;q=0",
            "gzip; q=0.0, br",
            "deflate",
            "*",
        ] {
            assert!(!accepted(no), "{no}");
        }
    }
}
