"""The commands besides `check` that run the pipeline their own way (`baseline`, `entrypoints`,
`report`): above the runner, below the CLI, so that nothing the runner uses has to import it."""
