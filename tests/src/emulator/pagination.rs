//! `NextToken` / `MaxResults` paging.
//!
//! A token is opaque: 16 hex digits that scramble a counter. The emulator
//! remembers, per token, which listing it belongs to (operation and
//! filters) and the key of the last item handed out. The next page starts
//! after that key, so items added or removed between pages neither repeat
//! nor shift the rest. A token the emulator did not issue, or one used for
//! another listing, is a `BadRequestException` naming `NextToken`.

use super::error::ApiError;
use std::collections::BTreeMap;

/// The page size when `MaxResults` is absent, and its largest value.
pub const MAX_RESULTS: i32 = 50;

/// At most this many tokens are remembered; the oldest are forgotten.
const REMEMBERED: usize = 100_000;

#[derive(Debug, Clone)]
struct Cursor {
    listing: String,
    after: String,
}

/// The tokens handed out so far.
#[derive(Debug, Default)]
pub struct Pages {
    issued: u64,
    cursors: BTreeMap<u64, Cursor>,
}

/// An odd multiplier and a mask make the counter look random while
/// staying invertible (multiplication by an odd number is a bijection
/// modulo 2^64).
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
const MASK: u64 = 0x5DEE_CE66_D1CE_4E5B;

fn encode(id: u64) -> String {
    format!("{:016x}", id.wrapping_mul(MULTIPLIER) ^ MASK)
}

fn decode(token: &str) -> Option<u64> {
    if token.len() != 16 {
        return None;
    }
    let value = u64::from_str_radix(token, 16).ok()? ^ MASK;
    // The inverse of MULTIPLIER modulo 2^64, by Newton's iteration.
    let mut inverse: u64 = MULTIPLIER;
    for _ in 0..6 {
        inverse = inverse.wrapping_mul(2u64.wrapping_sub(MULTIPLIER.wrapping_mul(inverse)));
    }
    Some(value.wrapping_mul(inverse))
}

/// The page size asked for: `MaxResults`, or the default.
pub fn page_size(max_results: Option<i32>) -> Result<usize, ApiError> {
    match max_results {
        None => Ok(MAX_RESULTS as usize),
        Some(n) if (1..=MAX_RESULTS).contains(&n) => Ok(n as usize),
        Some(n) => Err(ApiError::invalid(
            "MaxResults",
            format!("{n} is out of range; it must be between 1 and {MAX_RESULTS}"),
        )),
    }
}

impl Pages {
    /// One page of `items`, which are `(key, item)` pairs already in
    /// listing order with keys that increase (or, when `descending`,
    /// decrease) strictly along it. `listing` identifies the operation and
    /// its filters. Returns the page and the token for the next one.
    pub fn page<T>(
        &mut self,
        listing: String,
        next_token: Option<&str>,
        max_results: Option<i32>,
        descending: bool,
        items: impl IntoIterator<Item = (String, T)>,
    ) -> Result<(Vec<T>, Option<String>), ApiError> {
        let size = page_size(max_results)?;
        let after = match next_token.filter(|t| !t.is_empty()) {
            None => None,
            Some(token) => {
                let cursor = decode(token)
                    .and_then(|id| self.cursors.get(&id))
                    .ok_or_else(|| {
                        ApiError::invalid(
                            "NextToken",
                            "the token is not one this service issued, or it has expired",
                        )
                    })?;
                if cursor.listing != listing {
                    return Err(ApiError::invalid(
                        "NextToken",
                        "the token belongs to a different listing (other operation or other filters)",
                    ));
                }
                Some(cursor.after.clone())
            }
        };
        let mut page = Vec::new();
        let mut last_key = None;
        let mut more = false;
        for (key, item) in items {
            if let Some(after) = &after {
                let past = if descending {
                    key < *after
                } else {
                    key > *after
                };
                if !past {
                    continue;
                }
            }
            if page.len() == size {
                more = true;
                break;
            }
            page.push(item);
            last_key = Some(key);
        }
        let token = match (more, last_key) {
            (true, Some(after)) => Some(self.remember(Cursor { listing, after })),
            _ => None,
        };
        Ok((page, token))
    }

    fn remember(&mut self, cursor: Cursor) -> String {
        self.issued += 1;
        let id = self.issued;
        self.cursors.insert(id, cursor);
        while self.cursors.len() > REMEMBERED {
            self.cursors.pop_first();
        }
        encode(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<(String, usize)> {
        (0..n).map(|i| (format!("{i:05}"), i)).collect()
    }

    #[test]
    fn tokens_round_trip() {
        for id in [0, 1, 2, 77, u64::MAX] {
            assert_eq!(decode(&encode(id)), Some(id));
        }
        assert_eq!(decode("xyz"), None);
    }

    #[test]
    fn pages_follow_tokens() {
        let mut pages = Pages::default();
        let (first, token) = pages
            .page("L".into(), None, Some(2), false, items(5))
            .unwrap();
        assert_eq!(first, vec![0, 1]);
        let (second, token) = pages
            .page("L".into(), token.as_deref(), Some(2), false, items(5))
            .unwrap();
        assert_eq!(second, vec![2, 3]);
        let (third, token) = pages
            .page("L".into(), token.as_deref(), Some(2), false, items(5))
            .unwrap();
        assert_eq!((third, token), (vec![4], None));
    }

    #[test]
    fn descending_pages() {
        let mut pages = Pages::default();
        let rev: Vec<_> = items(3).into_iter().rev().collect();
        let (first, token) = pages
            .page("L".into(), None, Some(2), true, rev.clone())
            .unwrap();
        assert_eq!(first, vec![2, 1]);
        let (second, token) = pages
            .page("L".into(), token.as_deref(), Some(2), true, rev)
            .unwrap();
        assert_eq!((second, token), (vec![0], None));
    }

    #[test]
    fn bad_tokens_and_sizes() {
        let mut pages = Pages::default();
        let (_, token) = pages
            .page("L".into(), None, Some(1), false, items(3))
            .unwrap();
        let error = pages
            .page::<usize>("M".into(), token.as_deref(), None, false, items(3))
            .unwrap_err();
        assert!(error.message.contains("NextToken"));
        let error = pages
            .page::<usize>("L".into(), Some("0000000000000000"), None, false, items(3))
            .unwrap_err();
        assert!(error.message.contains("NextToken"));
        let error = pages
            .page::<usize>("L".into(), None, Some(51), false, items(3))
            .unwrap_err();
        assert!(error.message.contains("MaxResults"));
    }
}
