use clap::Parser;
use server::config::{Command, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info")))
        // Standard output may carry an export.
        .with_writer(std::io::stderr)
        .init();
    match &config.command {
        Some(Command::Analyze(args)) => return server::cli::run(server::cli::analyze_file(args)),
        Some(Command::Chart(args)) => return server::cli::run(server::cli::chart_file(args)),
        _ => {}
    }
    if let Some(Command::Data(command)) = &config.command {
        return match server::data::run(&config.database_url, command).await {
            Ok(moved) => {
                eprintln!("moved {moved}");
                std::process::ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::BenchHello) = config.command {
        let router = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
        let Ok(listener) = tokio::net::TcpListener::bind(config.addr).await else {
            tracing::error!(addr = %config.addr, "cannot listen");
            return std::process::ExitCode::FAILURE;
        };
        let served = server::serve(listener, router, server::shutdown_signal()).await;
        return if served.is_ok() {
            std::process::ExitCode::SUCCESS
        } else {
            std::process::ExitCode::FAILURE
        };
    }
    let router = match server::build_router(&config).await {
        Ok(router) => router,
        Err(error) => {
            tracing::error!(%error, "cannot start");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%error, addr = %config.addr, "cannot listen");
            return std::process::ExitCode::FAILURE;
        }
    };
    tracing::info!("listening on http://{}", config.addr);
    match server::serve(listener, router, server::shutdown_signal()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server error");
            std::process::ExitCode::FAILURE
        }
    }
}
