#![recursion_limit = "256"]
use server::{cli, config::Config};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match cli::Command::parse(&args) {
        Ok(command) => match Config::from_env() {
            Ok(config) => cli::run(command, config).await,
            Err(e) => Err(format!("configuration: {e}")),
        },
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
