/**
 * The {@code azure} connector: Microsoft Entra ID through the Microsoft Graph Java SDK and
 * azure-identity. Public: {@link io.dirsync.azure.AzureConnectorFactory} (found by
 * {@link java.util.ServiceLoader}), its config record {@link io.dirsync.azure.AzureConfig} and
 * {@link io.dirsync.azure.AzureCloud}. The implementation is in {@code internal}.
 */
package io.dirsync.azure;
