namespace AppBuilder.Storage.Internal;

/// <summary>A backend failure whose <see cref="Exception.Message"/> is a short reason safe to show to a client
/// (no keys, hosts or paths), such as "access was denied". The stores put it into their storage_error message.</summary>
internal sealed class StorageBackendException(string safeReason, Exception innerException) : Exception(safeReason, innerException);
