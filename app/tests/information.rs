//! Value of information through the whole pipeline, against a case with a
//! closed form.

use app::model::{analyze, parse_scenario};

/// A costs 60; B's setup is triangular (0, 50, 100) and nothing else costs
/// anything. Deciding now picks B (mean 50); knowing B's setup, a team would
/// switch to A whenever it exceeds 60: EVPI = E[max(0, B - 60)]
/// = integral from 60 to 100 of (x - 60)(100 - x) / 2500 dx = 4.2667.
#[test]
fn the_one_uncertain_input_is_worth_what_perfect_information_is() {
    let scenario = parse_scenario(
        r#"{"name":"voi","horizon_months":12,
        "volume":{"queries_per_month":1000,"monthly_growth_pct":0},
        "simulation":{"samples":10000,"seed":7},
        "approaches":[
          {"id":"a","kind":"prompting","setup_usd":60,"per_query":{}},
          {"id":"b","kind":"rag","setup_usd":50,"per_query":{},"ranges":{"setup_usd":[0,100]}}]}"#,
    )
    .expect("valid");
    let analysis = analyze(&scenario).unwrap();
    let voi = analysis
        .uncertainty
        .and_then(|u| u.value_of_information)
        .expect("a Monte Carlo gives the value of information");
    let exact = (40.0 * 40.0 * 40.0 / 2.0 - 40.0 * 40.0 * 40.0 / 3.0) / 2500.0;
    assert!(
        (voi.evpi_usd - exact).abs() < 0.25,
        "EVPI {} vs {exact}",
        voi.evpi_usd
    );
    assert_eq!(voi.bins, 100);
    let [input] = voi.inputs.as_slice() else {
        panic!("one ranged input: {:?}", voi.inputs);
    };
    assert_eq!((&*input.approach, input.field.as_str()), ("b", "setup_usd"));
    // the only input: knowing it is knowing everything (up to the bins)
    assert!(
        (input.evppi_usd - voi.evpi_usd).abs() < 0.05 * exact,
        "{input:?}"
    );
}

/// An input of an approach that is never close to winning is worth nothing,
/// even while another input makes the winner change.
#[test]
fn an_input_that_cannot_change_the_winner_is_worth_nothing() {
    let scenario = parse_scenario(
        r#"{"name":"voi","horizon_months":12,
        "volume":{"queries_per_month":1000,"monthly_growth_pct":0},
        "approaches":[
          {"id":"a","kind":"prompting","setup_usd":60,"per_query":{}},
          {"id":"b","kind":"rag","setup_usd":50,"per_query":{},"ranges":{"setup_usd":[0,100]}},
          {"id":"c","kind":"fine_tuning","setup_usd":5000,"per_query":{},"ranges":{"setup_usd":[4000,9000]}}]}"#,
    )
    .expect("valid");
    let voi = analyze(&scenario)
        .unwrap()
        .uncertainty
        .and_then(|u| u.value_of_information)
        .unwrap();
    assert!(voi.evpi_usd > 3.0, "{voi:?}");
    let of = |id: &str| {
        voi.inputs
            .iter()
            .find(|i| &*i.approach == id)
            .unwrap()
            .evppi_usd
    };
    assert!(of("b") > 3.0, "{voi:?}");
    assert_eq!(of("c"), 0.0);
    assert_eq!(voi.inputs[0].approach.as_ref(), "b", "most valuable first");
}
