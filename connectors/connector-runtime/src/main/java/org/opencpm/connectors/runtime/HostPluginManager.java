package org.opencpm.connectors.runtime;

import java.nio.file.Path;
import java.util.List;
import org.opencpm.connectors.api.ConnectorApi;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * PF4J, loading the plugins {@link PluginFolder} picks (zips unpacked by it, jars as they are), with
 * class loaders that take the host's packages from the host: a plugin that bundled Camel or the
 * connector API by mistake would otherwise fail with a {@link LinkageError}. Plugins may require a
 * version of the connector API ({@code plugin.requires}); the host offers {@link ConnectorApi#VERSION}.
 */
final class HostPluginManager extends DefaultPluginManager {

    /** Packages every plugin gets from the host, whatever it bundles. */
    static final List<String> HOST_PACKAGES = List.of("org.pf4j.", "org.apache.camel.", "org.opencpm.connectors.api.",
            "jakarta.json.", "org.slf4j.");

    HostPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(ConnectorApi.VERSION);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new DefaultPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new HostFirstClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
                    }
                })
                .add(new JarPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new HostFirstClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
                    }
                });
    }

    /** The descriptor of the plugin at {@code path} (a jar, or an unpacked zip), read as PF4J reads it. */
    PluginDescriptor descriptorOf(Path path) {
        return getPluginDescriptorFinder().find(path);
    }

    /** Compares two plugin versions the way PF4J does (semantic versions). */
    int compareVersions(String a, String b) {
        return getVersionManager().compareVersions(a, b);
    }

    /** Plugin-first, but the host's packages come from the host. */
    static final class HostFirstClassLoader extends PluginClassLoader {

        HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            if (super.shouldDelegateToParent(className)) {
                return true;
            }
            for (String hostPackage : HOST_PACKAGES) {
                if (className.startsWith(hostPackage)) {
                    return true;
                }
            }
            return false;
        }
    }
}
