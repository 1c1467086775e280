//! Per-client rate limits on creating scenarios (creates, imports and forks,
//! from the REST API and the page), on analysing unsaved scenarios (`POST
//! /api/v1/analyze` and unsaved charts) and on rendering saved PNGs. Clients are told
//! apart by their peer address; `X-Forwarded-For` is believed only when the
//! peer is a configured trusted proxy. Saves of existing scenarios are never
//! limited. The counters live in this process (several processes behind a
//! balancer each allow the full rate).

use crate::error::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Limited {
    Creation,
    Analysis,
    Render,
}

/// What a request costs, if anything.
fn classify(method: &Method, path: &str) -> Option<Limited> {
    let creation = *method == Method::POST
        && (matches!(
            path,
            "/api/v1/scenarios"
                | "/api/v1/scenarios/import"
                | "/api/create_scenario"
                | "/api/fork_scenario"
        ) || (path.starts_with("/api/v1/scenarios/") && path.ends_with("/fork")));
    // (`/measure` analyses the scenario its link carries)
    let analysis = (*method == Method::POST
        && (path == "/api/v1/analyze" || path.starts_with("/api/v1/chart/")))
        || path == "/measure";
    if creation {
        Some(Limited::Creation)
    } else if analysis {
        Some(Limited::Analysis)
    } else if path.starts_with("/api/v1/") && path.ends_with(".png") {
        Some(Limited::Render)
    } else {
        None
    }
}

pub struct Limits {
    creations: Option<DefaultKeyedRateLimiter<IpAddr>>,
    analyses: Option<DefaultKeyedRateLimiter<IpAddr>>,
    renders: Option<DefaultKeyedRateLimiter<IpAddr>>,
    trusted_proxies: Vec<IpAddr>,
}

/// `per_minute` requests a minute with bursts of the same size; 0 is no limit.
fn limiter(per_minute: u32) -> Option<DefaultKeyedRateLimiter<IpAddr>> {
    let rate = NonZeroU32::new(per_minute)?;
    Some(RateLimiter::keyed(
        Quota::per_minute(rate).allow_burst(rate),
    ))
}

impl Limits {
    pub fn new(
        creations_per_minute: u32,
        analyses_per_minute: u32,
        renders_per_minute: u32,
        trusted_proxies: Vec<IpAddr>,
    ) -> Arc<Limits> {
        let limits = Arc::new(Limits {
            creations: limiter(creations_per_minute),
            analyses: limiter(analyses_per_minute),
            renders: limiter(renders_per_minute),
            trusted_proxies,
        });
        // Forget idle clients now and then, so the maps do not grow forever.
        let weak: Weak<Limits> = Arc::downgrade(&limits);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                let Some(limits) = weak.upgrade() else { break };
                for limiter in [&limits.creations, &limits.analyses, &limits.renders]
                    .into_iter()
                    .flatten()
                {
                    limiter.retain_recent();
                    limiter.shrink_to_fit();
                }
            }
        });
        limits
    }

    /// The client's address: the peer, or the last address a trusted proxy
    /// added to `X-Forwarded-For`.
    fn client(&self, request: &Request) -> Option<IpAddr> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())?;
        if !self.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|list| list.rsplit(',').next())
            .and_then(|last| last.trim().parse().ok());
        Some(forwarded.unwrap_or(peer))
    }
}

pub async fn rate_limit(
    State(limits): State<Arc<Limits>>,
    request: Request,
    next: Next,
) -> Response {
    let limiter = match classify(request.method(), request.uri().path()) {
        Some(Limited::Creation) => limits.creations.as_ref(),
        Some(Limited::Analysis) => limits.analyses.as_ref(),
        Some(Limited::Render) => limits.renders.as_ref(),
        None => None,
    };
    if let (Some(limiter), Some(client)) = (limiter, limits.client(&request)) {
        if let Err(not_until) = limiter.check_key(&client) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            return AppError::TooManyRequests {
                retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
            .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creations_analyses_and_renders_are_told_apart_from_saves_and_reads() {
        let post = Method::POST;
        assert_eq!(
            classify(&post, "/api/v1/scenarios"),
            Some(Limited::Creation)
        );
        assert_eq!(
            classify(&post, "/api/v1/scenarios/import"),
            Some(Limited::Creation)
        );
        assert_eq!(
            classify(&post, "/api/v1/scenarios/abc/fork"),
            Some(Limited::Creation)
        );
        assert_eq!(
            classify(&post, "/api/create_scenario"),
            Some(Limited::Creation)
        );
        assert_eq!(
            classify(&post, "/api/fork_scenario"),
            Some(Limited::Creation)
        );
        // an unsaved chart analyses the scenario it is sent
        assert_eq!(
            classify(&post, "/api/v1/chart/amortization.png"),
            Some(Limited::Analysis)
        );
        assert_eq!(
            classify(&post, "/api/v1/chart/totals.svg"),
            Some(Limited::Analysis)
        );
        assert_eq!(
            classify(&Method::GET, "/api/v1/scenarios/abc/chart/totals.png"),
            Some(Limited::Render)
        );
        assert_eq!(classify(&Method::PUT, "/api/v1/scenarios/abc"), None);
        assert_eq!(classify(&post, "/api/save_scenario"), None);
        assert_eq!(
            classify(&Method::GET, "/api/v1/scenarios/abc/chart/totals.svg"),
            None
        );
        assert_eq!(classify(&post, "/api/v1/analyze"), Some(Limited::Analysis));
        assert_eq!(classify(&Method::GET, "/api/v1/analyze"), None);
    }
}
