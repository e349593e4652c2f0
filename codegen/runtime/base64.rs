//! Standard base64 (RFC 4648 section 4): the `A-Z a-z 0-9 + /` alphabet
//! with `=` padding, as restJson1 uses for blobs and `@mediaType` headers.
//!
//! Decoding is strict: the input length must be a multiple of four (padding
//! is required), only the standard alphabet is accepted (no URL-safe `-_`,
//! no whitespace or line breaks), `=` may only end the input, and the unused
//! bits before the padding must be zero. Each of those inputs is rejected by
//! the restJson1 malformed-request tests or would decode ambiguously.

use crate::rt::error::DecodeError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks bytes outside the alphabet in [`DECODE`].
const INVALID: u8 = 0xff;

/// The inverse of [`ALPHABET`], built at compile time.
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encodes `bytes` as standard base64 with padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in &mut chunks {
        if let [a, b, c] = *chunk {
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            push_sextets(&mut out, n, 4);
        }
    }
    match *chunks.remainder() {
        [a] => {
            push_sextets(&mut out, u32::from(a) << 16, 2);
            out.push_str("==");
        }
        [a, b] => {
            push_sextets(&mut out, u32::from(a) << 16 | u32::from(b) << 8, 3);
            out.push('=');
        }
        _ => {}
    }
    out
}

/// Appends the top `count` six-bit groups of the 24-bit number `n`.
fn push_sextets(out: &mut String, n: u32, count: u32) {
    for i in 0..count {
        let index = (n >> (18 - 6 * i)) & 0x3f;
        // `index` is below 64 by the mask, so the lookup cannot miss.
        if let Some(&c) = ALPHABET.get(index as usize) {
            out.push(char::from(c));
        }
    }
}

/// Decodes standard, padded base64; see the module documentation for what
/// is rejected.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let input = text.as_bytes();
    // A bit test rather than `is_multiple_of`, which needs Rust 1.87.
    if input.len() & 3 != 0 {
        return Err(DecodeError::new(
            "invalid base64: length is not a multiple of 4 (padding is required)",
        ));
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let quads = input.len() / 4;
    for (q, quad) in input.chunks_exact(4).enumerate() {
        let last = q + 1 == quads;
        let pad = match quad {
            [_, _, b'=', b'='] => 2,
            [_, _, _, b'='] => 1,
            _ => 0,
        };
        if pad > 0 && !last {
            return Err(DecodeError::new(
                "invalid base64: padding before the end of the input",
            ));
        }
        let mut n: u32 = 0;
        for (i, &c) in quad.iter().enumerate() {
            let value = if i >= 4 - pad {
                0
            } else {
                match DECODE.get(usize::from(c)) {
                    Some(&v) if v != INVALID => v,
                    _ if c == b'=' => {
                        return Err(DecodeError::new("invalid base64: misplaced padding"))
                    }
                    _ => {
                        return Err(DecodeError::new(format!(
                            "invalid base64: unexpected character at offset {}",
                            q * 4 + i
                        )))
                    }
                }
            };
            n = n << 6 | u32::from(value);
        }
        let [_, b0, b1, b2] = n.to_be_bytes();
        match pad {
            0 => out.extend_from_slice(&[b0, b1, b2]),
            1 => {
                if b2 != 0 {
                    return Err(DecodeError::new(
                        "invalid base64: non-zero bits before the padding",
                    ));
                }
                out.extend_from_slice(&[b0, b1]);
            }
            _ => {
                if b1 != 0 || b2 != 0 {
                    return Err(DecodeError::new(
                        "invalid base64: non-zero bits before the padding",
                    ));
                }
                out.push(b0);
            }
        }
    }
    Ok(out)
}
