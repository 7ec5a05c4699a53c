// Service accounts, API tokens and webhooks (issue 5 §2): schemas are added here by the integration module.
export {};
