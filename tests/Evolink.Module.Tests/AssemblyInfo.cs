using Xunit;

// Runspaces share the process environment (EVOLINK_API_KEY, the configuration
// path): module tests run one at a time, each in a fresh runspace.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
