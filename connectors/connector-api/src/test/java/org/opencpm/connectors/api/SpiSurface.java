package org.opencpm.connectors.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of the SPI package as text, one line per public type and per public or
 * protected member, sorted: what a compiled plugin can link against. Constant values are part of
 * it (a configuration key's name is a contract), but for {@link ConnectorApi#VERSION}, which the
 * surface is recorded under. Deprecation is a line of its own, so that deprecating a member only
 * adds to the surface.
 */
final class SpiSurface {

    static final String PACKAGE = "org.opencpm.connectors.api";

    private SpiSurface() {
    }

    /** The surface of the SPI classes in the folder (or jar) {@link ConnectorApi} was loaded from. */
    static List<String> ofCompiledSpi() {
        Path root;
        try {
            root = Path.of(ConnectorApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path folder = root.resolve(PACKAGE.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = file.getFileName().toString().replaceAll("\\.class$", "");
                if (name.equals("package-info")) {
                    continue;
                }
                types.add(Class.forName(PACKAGE + "." + name, false, ConnectorApi.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return of(types);
    }

    static List<String> of(List<Class<?>> classes) {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : classes) {
            if (!visible(type)) {
                continue;
            }
            String name = type.getName();
            lines.add(name + " :: " + header(type));
            if (type.isAnnotationPresent(Deprecated.class)) {
                lines.add(name + " :: deprecated");
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                member(lines, name, c, c.toGenericString(), c.isSynthetic());
            }
            for (Method m : type.getDeclaredMethods()) {
                member(lines, name, m, m.toGenericString(), m.isSynthetic() || m.isBridge());
            }
            for (Field f : type.getDeclaredFields()) {
                member(lines, name, f, f.toGenericString() + constant(f), f.isSynthetic());
            }
        }
        return List.copyOf(lines);
    }

    /** Public, and nested only in public types. */
    private static boolean visible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static void member(TreeSet<String> lines, String type, Member member, String signature, boolean synthetic) {
        int modifiers = member.getModifiers();
        if (synthetic || !(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
            return;
        }
        lines.add(type + " :: " + signature);
        if (((java.lang.reflect.AnnotatedElement) member).isAnnotationPresent(Deprecated.class)) {
            lines.add(type + " :: deprecated " + signature);
        }
    }

    private static String header(Class<?> type) {
        StringBuilder out = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            out.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            out.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            out.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return out.toString();
    }

    /** {@code = "value"} for a constant of a primitive or String type; the version itself is left out. */
    private static String constant(Field f) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || !(f.getType().isPrimitive() || f.getType() == String.class)
                || (f.getDeclaringClass() == ConnectorApi.class && f.getName().equals("VERSION"))) {
            return "";
        }
        try {
            Object value = f.get(null);
            return " = " + (value instanceof String text ? '"' + text + '"' : String.valueOf(value));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the surface of the compiled SPI on the class path: for recording an older version's by hand. */
    public static void main(String[] args) {
        ofCompiledSpi().forEach(System.out::println);
    }
}
