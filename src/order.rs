//! Orders as integers, for sort keys that compare in one instruction and pack side by side.

use crate::date::DateValue;

/// `x` as an integer in [`f32::total_cmp`]'s order: negative values have every bit flipped,
/// the others only the sign bit.
pub fn total_order_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// Bits of [`date_bits`] for a date.
pub const DATE_BITS: u32 = 48;

/// `d` as an integer in the timeline's order ([`DateValue::timeline_key`]), below
/// 2^[`DATE_BITS`]; no date is `2^DATE_BITS - 1`, after every date.
pub fn date_bits(d: Option<DateValue>) -> u64 {
    match d {
        None => (1 << DATE_BITS) - 1,
        Some(d) => {
            let (year, month, day) = d.timeline_key();
            let year = (i64::from(year) - i64::from(i32::MIN)) as u64;
            year << 16 | u64::from(month) << 8 | u64::from(day)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = Option<DateValue>> {
        prop_oneof![
            Just(None),
            any::<i32>().prop_map(|y| Some(DateValue::year(y))),
            (any::<i32>(), 1u8..=12).prop_map(|(y, m)| Some(DateValue::month(y, m))),
            (any::<i32>(), 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| DateValue::ymd(y, m, d)),
        ]
    }

    proptest! {
        #[test]
        fn total_order_bits_order_as_total_cmp(a in any::<f32>(), b in any::<f32>()) {
            prop_assert_eq!(total_order_bits(a).cmp(&total_order_bits(b)), a.total_cmp(&b));
        }

        #[test]
        fn date_bits_order_as_the_timeline_with_no_date_last(a in date(), b in date()) {
            let want = match (a, b) {
                (Some(a), Some(b)) => a.timeline_key().cmp(&b.timeline_key()),
                (a, b) => a.is_none().cmp(&b.is_none()),
            };
            prop_assert_eq!(date_bits(a).cmp(&date_bits(b)), want);
            prop_assert!(date_bits(a) < 1 << DATE_BITS);
        }
    }
}
