pub fn total(values: &[u8]) -> u8 {
    values.iter().fold(0u8, |sum, v| sum.saturating_add(*v))
}

pub fn checked_total(values: &[u8]) -> u8 {
    values
        .iter()
        .try_fold(0u8, |sum, v| sum.checked_add(*v))
        .expect("total overflows")
}
