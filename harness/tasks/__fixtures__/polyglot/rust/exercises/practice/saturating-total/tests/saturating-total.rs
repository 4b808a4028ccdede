use saturating_total::*;

#[test]
fn empty_is_zero() {
    assert_eq!(total(&[]), 0);
}

#[test]
#[ignore]
fn small_sum() {
    assert_eq!(total(&[1, 2, 3]), 6);
}

#[test]
#[ignore]
fn stops_at_the_maximum() {
    assert_eq!(total(&[200, 100]), 255);
}

#[test]
#[ignore]
fn checked_fits() {
    assert_eq!(checked_total(&[100, 155]), 255);
}

#[test]
#[ignore]
#[should_panic(expected = "total overflows")]
fn checked_overflows() {
    checked_total(&[200, 100]);
}
