package ai.fastdjl.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Reads one JavaScript literal value (object, array, string, number, {@code true}/{@code false}/{@code null}) from
 * JavaScript source into Gson's tree, as minifiers write them: unquoted keys, {@code !0}/{@code !1} for booleans,
 * numbers like {@code .5} or {@code -.03}. Enough to take the data out of a bundled model file without a JavaScript
 * runtime; anything that is code (a function, a variable) is an error naming its offset.
 */
public final class JsLiteral {
    private final String src;
    private int pos;

    private JsLiteral(String src, int pos) {
        this.src = src;
        this.pos = pos;
    }

    /** The literal that starts at {@code offset} (after optional white space); the text after it is ignored. */
    public static JsonElement parse(String src, int offset) {
        return new JsLiteral(src, offset).value();
    }

    private JsonElement value() {
        skipSpace();
        if (pos >= src.length()) {
            throw error("a value");
        }
        char c = src.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
            case '\'':
                return new JsonPrimitive(string(c));
            case '!': // minified booleans: !0 is true, !1 is false
                if (src.startsWith("!0", pos) || src.startsWith("!1", pos)) {
                    pos += 2;
                    return new JsonPrimitive(src.charAt(pos - 1) == '0');
                }
                throw error("!0 or !1");
            default:
                if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                    return number();
                }
                String word = identifier();
                switch (word) {
                    case "true":
                        return new JsonPrimitive(true);
                    case "false":
                        return new JsonPrimitive(false);
                    case "null":
                        return JsonNull.INSTANCE;
                    default:
                        pos -= word.length();
                        throw error("a literal value, not '" + word + "'");
                }
        }
    }

    private JsonObject object() {
        JsonObject o = new JsonObject();
        pos++; // {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            skipSpace();
            char c = peek();
            String key = c == '"' || c == '\'' ? string(c) : Character.isDigit(c) ? number().getAsString() : identifier();
            skipSpace();
            expect(':');
            o.add(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                if (peek() == '}') { // trailing comma
                    pos++;
                    return o;
                }
            } else {
                expect('}');
                return o;
            }
        }
    }

    private JsonArray array() {
        JsonArray a = new JsonArray();
        pos++; // [
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            a.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                if (peek() == ']') {
                    pos++;
                    return a;
                }
            } else {
                expect(']');
                return a;
            }
        }
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0' -> sb.append('\0');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                case 'x' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
                    pos += 2;
                }
                default -> sb.append(e); // \" \' \\ \/ and line continuations
            }
        }
        throw error("the end of a string");
    }

    private JsonPrimitive number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        while (pos < src.length() && "0123456789.eE+-".indexOf(src.charAt(pos)) >= 0) {
            char c = src.charAt(pos);
            if ((c == '+' || c == '-') && !(src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')) {
                break;
            }
            pos++;
        }
        try {
            return new JsonPrimitive(new BigDecimal(src.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '$')) {
            pos++;
        }
        if (start == pos) {
            throw error("a key or a literal");
        }
        return src.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String expected) {
        String near = src.substring(pos, Math.min(src.length(), pos + 30));
        return new IllegalArgumentException("expected " + expected + " at offset " + pos + " near '" + near + "'");
    }
}
