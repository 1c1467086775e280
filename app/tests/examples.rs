//! The shipped example scenarios, checked against numbers computed by an
//! independent reference (scripts/reference_model.py: naive month-by-month
//! sums, break-evens by grid scan and bisection).

use app::model::examples::{example, ALL, INTERNAL_TOOL, SUPPORT_TICKET_TRIAGE, VOICE_AGENT};
use app::model::{analyze, parse_scenario, Analysis};

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-6 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} != {expected}"
    );
}

fn pair<'a>(analysis: &'a Analysis, a: &str, b: &str) -> &'a app::model::PairResult {
    let pair = analysis.pair(a, b).expect("pair exists");
    assert_eq!(
        (&*pair.a, &*pair.b),
        (a, b),
        "a is the larger one-time cost"
    );
    pair
}

fn break_even(analysis: &Analysis, a: &str, b: &str) -> Option<f64> {
    pair(analysis, a, b).break_even_queries_per_month
}

#[test]
fn every_example_parses_validates_and_analyses() {
    for example in ALL {
        let slug = example.slug;
        let scenario = parse_scenario(example.json).unwrap_or_else(|e| panic!("{slug}: {e}"));
        analyze(&scenario).unwrap_or_else(|e| panic!("{slug}: {e:?}"));
    }
}

#[test]
fn support_ticket_triage_few_shot_wins_until_fine_tuning_pays_for_its_people() {
    let analysis = analyze(&example(SUPPORT_TICKET_TRIAGE)).unwrap();
    let ft = analysis.approach("ft").unwrap();
    close(ft.per_query_usd, 0.000304, "ft per query");
    close(ft.one_time_usd, 35900.0, "ft one-time");
    close(ft.total_usd, 112722.6539, "ft total");
    close(ft.monthly_usd_at_horizon, 2799.9406, "ft month 24");
    close(
        analysis.approach("prompt").unwrap().total_usd,
        270137.0560,
        "prompt total",
    );
    close(
        analysis.approach("fewshot").unwrap().total_usd,
        84483.2933,
        "few-shot total",
    );
    close(
        analysis.approach("rag").unwrap().total_usd,
        135323.3519,
        "rag total",
    );

    // 240 engineer hours to build and 16 a month to keep: at 2M queries a
    // month fine-tuning is second to few-shot prompting
    assert_eq!(&*analysis.cheapest.approach, "fewshot");
    assert_eq!(analysis.cheapest.runner_up.as_deref(), Some("ft"));
    close(analysis.cheapest.saving_usd, 28239.3606, "saving");
    close(
        analysis.cheapest.saving_pct,
        28239.3606 / 112722.6539 * 100.0,
        "saving %",
    );

    close(
        break_even(&analysis, "fewshot", "prompt").unwrap(),
        8581.215937657276,
        "fewshot/prompt",
    );
    close(
        break_even(&analysis, "rag", "prompt").unwrap(),
        306825.3170467796,
        "rag/prompt",
    );
    close(
        break_even(&analysis, "ft", "prompt").unwrap(),
        594039.7684915091,
        "ft/prompt",
    );
    close(
        break_even(&analysis, "ft", "fewshot").unwrap(),
        3507279.351420339,
        "ft/fewshot",
    );
    close(
        break_even(&analysis, "ft", "rag").unwrap(),
        1301160.9734118732,
        "ft/rag",
    );
    assert_eq!(break_even(&analysis, "rag", "fewshot"), None);

    assert_eq!(pair(&analysis, "fewshot", "prompt").payback_month, Some(1));
    assert_eq!(pair(&analysis, "ft", "prompt").payback_month, Some(8));
    assert_eq!(pair(&analysis, "ft", "fewshot").payback_month, None);
    assert_eq!(pair(&analysis, "ft", "rag").payback_month, Some(17));
    assert_eq!(pair(&analysis, "rag", "fewshot").payback_month, None);

    // the envelope: prompting for tiny volumes, then few-shot, then fine-tuning
    let bands: Vec<(&str, f64)> = analysis
        .cheapest_by_volume
        .iter()
        .map(|b| (&*b.approach, b.from_queries_per_month))
        .collect();
    assert_eq!(bands.len(), 3, "{bands:?}");
    assert_eq!(bands[0], ("prompt", 0.0));
    assert_eq!(bands[1].0, "fewshot");
    close(bands[1].1, 8581.215937657276, "few-shot band start");
    assert_eq!(bands[2].0, "ft");
    close(bands[2].1, 3507279.351420339, "fine-tuning band start");
    assert!(analysis.latency_misses.is_empty());
}

#[test]
fn internal_tool_fine_tuning_never_pays_off() {
    let analysis = analyze(&example(INTERNAL_TOOL)).unwrap();
    assert_eq!(&*analysis.cheapest.approach, "prompt");
    close(
        analysis.approach("prompt").unwrap().total_usd,
        11475.1218,
        "prompt total",
    );
    close(
        analysis.approach("ft").unwrap().total_usd,
        80679.4414,
        "ft total",
    );
    let ft = pair(&analysis, "ft", "prompt");
    assert_eq!(ft.payback_month, None);
    // fine-tuning would need 60.9M queries a month; the tool sees 5,000
    close(
        ft.break_even_queries_per_month.unwrap(),
        60920300.61755541,
        "ft/prompt",
    );
    close(
        break_even(&analysis, "ft", "rag").unwrap(),
        2632187.9050355186,
        "ft/rag",
    );
    assert_eq!(break_even(&analysis, "rag", "prompt"), None);
}

#[test]
fn voice_agent_only_self_hosting_meets_the_latency_target() {
    let analysis = analyze(&example(VOICE_AGENT)).unwrap();
    let misses: Vec<&str> = analysis.latency_misses.iter().map(|id| &**id).collect();
    assert_eq!(misses, ["api", "nano_ft"]);
    let lora = analysis.approach("lora8b").unwrap();
    close(lora.per_query_usd, 0.0, "self-hosted tokens are free");
    close(lora.total_usd, 213736.52, "lora total");
    close(lora.monthly_usd_at_horizon, 8375.0, "lora month 24");
    assert_eq!(&*analysis.cheapest.approach, "nano_ft");
    // self-hosting beats the API above 12.5M queries a month (a GPU step)
    close(
        break_even(&analysis, "lora8b", "api").unwrap(),
        12540845.872991167,
        "lora/api",
    );
    close(
        break_even(&analysis, "nano_ft", "api").unwrap(),
        5037775.417761026,
        "nano/api",
    );
    assert_eq!(break_even(&analysis, "lora8b", "nano_ft"), None);
    assert_eq!(pair(&analysis, "lora8b", "api").payback_month, None);
    assert_eq!(pair(&analysis, "nano_ft", "api").payback_month, Some(17));
    // ranged GPU price and throughput: a Monte Carlo runs
    let uncertainty = analysis.uncertainty.as_ref().unwrap();
    assert_eq!(uncertainty.samples, 10_000);
    let lora_total = uncertainty.total_usd["lora8b"];
    assert!(lora_total.p10 <= lora_total.p50 && lora_total.p50 <= lora_total.p90);
    // the API does not vary
    let api_total = uncertainty.total_usd["api"];
    close(api_total.p10, api_total.p90, "api has no ranges");
}

#[test]
fn the_product_brief_story_hours_vs_weeks_and_dollars_per_query() {
    // Prompting: hours of setup, $$ per query. Fine-tuning: weeks of setup and
    // training runs, $ per query. Fine-tuning only wins above its break-even.
    let analysis = analyze(&example(SUPPORT_TICKET_TRIAGE)).unwrap();
    let prompt = analysis.approach("prompt").unwrap();
    let ft = analysis.approach("ft").unwrap();
    assert!(ft.one_time_usd > 5.0 * prompt.one_time_usd);
    assert!(prompt.per_query_usd > 10.0 * ft.per_query_usd);
    let q = break_even(&analysis, "ft", "prompt").unwrap();
    let mut low = example(SUPPORT_TICKET_TRIAGE);
    low.volume.queries_per_month = q * 0.9;
    let low = analyze(&low).unwrap();
    assert!(low.approach("ft").unwrap().total_usd > low.approach("prompt").unwrap().total_usd);
    let mut high = example(SUPPORT_TICKET_TRIAGE);
    high.volume.queries_per_month = q * 1.1;
    let high = analyze(&high).unwrap();
    assert!(high.approach("ft").unwrap().total_usd < high.approach("prompt").unwrap().total_usd);
}

#[test]
fn monte_carlo_is_reproducible_and_seed_dependent() {
    let scenario = example(SUPPORT_TICKET_TRIAGE);
    let first = analyze(&scenario).unwrap().uncertainty.unwrap();
    let second = analyze(&scenario).unwrap().uncertainty.unwrap();
    assert_eq!(first, second);
    let mut reseeded = scenario.clone();
    reseeded.simulation = Some(app::model::Simulation {
        samples: 10_000,
        seed: 7,
    });
    let third = analyze(&reseeded).unwrap().uncertainty.unwrap();
    assert_ne!(first.total_usd["ft"], third.total_usd["ft"]);
    // training cost ranges only move fine-tuning's curve
    let ft = &first.cumulative_usd["ft"];
    assert!(ft.p10[0] < ft.p50[0] && ft.p50[0] < ft.p90[0]);
    // point values: 8 runs x $300 and 240 hours; the triangles (5, 8, 15) x
    // (50, 300, 2000) and (160, 240, 480) have medians above them, so the P50
    // exceeds the point total
    let point = analyze(&scenario)
        .unwrap()
        .approach("ft")
        .unwrap()
        .total_usd;
    assert!(first.total_usd["ft"].p50 > point);
    // sensitivity rows for the three ranged fields, largest break-even swing
    // first: the weeks of engineering move it most, as the brief says
    let fields: Vec<&str> = first.sensitivity.iter().map(|r| r.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "effort.setup_hours",
            "training.usd_per_run",
            "training.runs"
        ]
    );
    assert_eq!(
        first.leading_pair,
        Some(["fewshot".to_string(), "ft".to_string()])
    );
    let row = &first.sensitivity[0];
    assert!(row.total_usd_at_high > row.total_usd_at_low);
    assert!(row.break_even_at_high.unwrap() > row.break_even_at_low.unwrap());
}

/// The gallery's situations (docs and `/examples` say what each stands for):
/// each example's answer is the one its situation promises.
#[test]
fn the_gallery_examples_answer_as_their_situations_say() {
    use app::model::examples::{
        HIGH_VOLUME_ROUTING, KNOWLEDGE_ASSISTANT, STRICT_FORMAT_EXTRACTION,
    };
    use app::model::{Payoff, VerdictStatus};
    // the brief's three pay-offs: fine-tuning is cheapest, and the verdict says why
    for (json, payoff) in [
        (HIGH_VOLUME_ROUTING, Payoff::HighVolumeNarrowDomain),
        (STRICT_FORMAT_EXTRACTION, Payoff::StrictFormat),
    ] {
        let analysis = analyze(&example(json)).unwrap();
        assert_eq!(&*analysis.cheapest.approach, "ft");
        assert_eq!(analysis.fine_tuning.status, VerdictStatus::FineTune);
        assert_eq!(analysis.fine_tuning.payoffs, [payoff]);
    }
    let voice = analyze(&example(VOICE_AGENT)).unwrap();
    assert!(voice.fine_tuning.payoffs.contains(&Payoff::Latency));
    // 40M intent labels a month: fine-tuning's break-even is far below
    let routing = analyze(&example(HIGH_VOLUME_ROUTING)).unwrap();
    let routing_break_even = break_even(&routing, "ft", "prompt").unwrap();
    assert!(
        (12.6e6..12.8e6).contains(&routing_break_even),
        "{routing_break_even}"
    );
    // the low-volume tool never gets there; docs that change weekly favour RAG
    assert_eq!(
        &*analyze(&example(INTERNAL_TOOL)).unwrap().cheapest.approach,
        "prompt"
    );
    let assistant = analyze(&example(KNOWLEDGE_ASSISTANT)).unwrap();
    assert_eq!(&*assistant.cheapest.approach, "rag");
    assert_eq!(assistant.fine_tuning.status, VerdictStatus::NotReady);
}
