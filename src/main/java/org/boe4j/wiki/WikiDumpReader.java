package org.boe4j.wiki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import com.sun.management.OperatingSystemMXBean;
import org.boe4j.io.CompressedInput;
import org.boe4j.io.Progress;

/**
 * Streams the pages of a MediaWiki XML export ({@code pages-articles.xml[.bz2|.xz|.gz]}) with StAX: one page
 * in memory at a time, any dump size.
 *
 * <p>A stream that ends in the middle of the XML (a truncated download, a cut sample) is never silently
 * accepted: by default it raises a {@link TruncatedDumpException} naming the file, the number of complete
 * pages and the title of the page being read; with {@code allowTruncated} the complete pages are kept, the
 * partial page is discarded, and the {@link Result} says so ({@code truncated = true}).
 */
public final class WikiDumpReader {

    /** Receives each complete page, in dump order, with the dump's siteinfo (read before the first page). */
    @FunctionalInterface
    public interface PageHandler {
        void page(DumpPage page, SiteInfo site) throws IOException;
    }

    /**
     * What a read did.
     *
     * @param pages             complete pages handed over (all namespaces)
     * @param truncated         whether the stream ended early (only with allowTruncated)
     * @param truncationMessage what happened, or "" when not truncated
     */
    public record Result(SiteInfo siteInfo, long pages, boolean truncated, String truncationMessage,
            long compressedBytes, long uncompressedBytes, double seconds, double cpuSeconds) {

        /** Compressed MB read per second. */
        public double compressedMBps() {
            return compressedBytes / 1e6 / Math.max(seconds, 1e-9);
        }

        /** MB of XML per second. */
        public double uncompressedMBps() {
            return uncompressedBytes / 1e6 / Math.max(seconds, 1e-9);
        }

        /** MB of XML per CPU-second of the process (all its threads; far less affected by other load than wall time). */
        public double uncompressedMBpsCpu() {
            return uncompressedBytes / 1e6 / Math.max(cpuSeconds, 1e-9);
        }
    }

    private final boolean allowTruncated;
    private final boolean readAhead;

    /** A reader that decompresses on a second thread, ahead of the XML parser. */
    public WikiDumpReader(boolean allowTruncated) {
        this(allowTruncated, true);
    }

    /** @param readAhead decompress on a background thread (overlaps decompression and parsing) */
    public WikiDumpReader(boolean allowTruncated, boolean readAhead) {
        this.allowTruncated = allowTruncated;
        this.readAhead = readAhead;
    }

    /** Reads {@code dump}, calling {@code handler} per complete page and updating {@code progress} by bytes. */
    public Result read(Path dump, PageHandler handler, Progress progress) throws IOException {
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        try (CompressedInput in = CompressedInput.open(dump, readAhead)) {
            PageParser parser = new PageParser(in, handler, progress);
            boolean truncated = false;
            String message = "";
            try {
                parser.run();
            } catch (HandlerFailure e) {
                throw e.getCause();
            } catch (XMLStreamException | IOException e) {
                if (e instanceof TruncatedDumpException t) {
                    throw t;
                }
                message = String.format(Locale.ROOT,
                        "%s: the dump stream ends or breaks inside the XML after %d complete pages%s (%s)", dump,
                        parser.pages, parser.currentTitle == null ? ""
                                : ", in page \"" + parser.currentTitle + "\"", rootMessage(e));
                if (parser.pages == 0) {
                    throw new IOException(message + "; not a readable MediaWiki XML export (nothing to keep)", e);
                }
                if (!allowTruncated) {
                    throw new TruncatedDumpException(message
                            + "; use --allow-truncated to keep the complete pages", parser.pages, e);
                }
                truncated = true;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(parser.siteInfo, parser.pages, truncated, message, in.compressedBytesRead(),
                    in.uncompressedBytesRead(), seconds, (cpuNanos() - cpuStart) / 1e9);
        }
    }

    /**
     * CPU time of the whole process (all threads: read-ahead decompression, parser workers, GC), so that
     * "MB per CPU-second" is the cost of the work whatever the threading; the reading thread's own CPU time
     * when the JVM does not expose the process's.
     */
    public static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    /**
     * Old exports have no {@code <redirect/>} element: a page whose text starts with the redirect magic word
     * (English or the localized forms of the paper's languages) is a redirect to its first link.
     */
    static String redirectFromText(String text) {
        if (text.isEmpty() || text.stripLeading().indexOf('#') != 0) {
            return null;
        }
        Matcher m = TEXT_REDIRECT.matcher(text);
        return m.lookingAt() ? m.group(1).strip() : null;
    }

    private static final Pattern TEXT_REDIRECT = Pattern.compile("\\s*#(?:redirect|weiterleitung|redirection"
            + "|redirección|rinvia|rimando|перенаправление|перенаправлення|重定向|転送|リダイレクト|تحويل|अनुप्रेषित"
            + "|เปลี่ยนทาง)\\s*:?\\s*\\[\\[([^\\]|\\n]+)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        // JAXP caps entity expansion (totalEntitySizeLimit 50 MB, JAXP00010004). On JDK 17 the predefined
        // references (&lt; &quot;) were measured not to count (a 60 MB export with 8.4 M of them parses with the
        // default factory), but parsers and versions differ and a dump has no DTD, so the caps are lifted.
        for (String limit : new String[] {"totalEntitySizeLimit", "entityExpansionLimit", "maxGeneralEntitySizeLimit"}) {
            try {
                factory.setProperty("http://www.oracle.com/xml/jaxp/properties/" + limit, "0");
            } catch (IllegalArgumentException notSupported) {
                // another StAX implementation without these limits
            }
        }
        return factory;
    }

    /**
     * Reads the {@code <siteinfo>} of a dump from its first bytes (the caller stops reading after it): for
     * readers that cut a dump into pieces (org.boe4j.spark), which need it before they parse any page.
     *
     * @param name the dump's name for error messages
     */
    public static SiteInfo readSiteInfo(InputStream xmlStart, String name) throws IOException {
        try {
            XMLStreamReader xml = factory().createXMLStreamReader(xmlStart, "UTF-8");
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (xml.getLocalName().equals("siteinfo")) {
                            return readSiteInfo(xml, new Namespaces(), name);
                        }
                        if (xml.getLocalName().equals("page")) {
                            break;
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(name + ": cannot read the <siteinfo> at the start of the dump (" + rootMessage(e)
                    + ")", e);
        }
        return new SiteInfo("", true, new Namespaces()); // no siteinfo: what the streaming reader assumes too
    }

    /**
     * Parses one {@code <page>...</page>} element given as text, exactly as the streaming reader parses it in
     * a whole dump (same fields, same redirect rule).
     *
     * @param where names the page's place for error messages ("enwiki.xml.bz2, split 3")
     */
    public static DumpPage parsePage(String pageXml, String where) throws IOException {
        try {
            XMLStreamReader xml = factory().createXMLStreamReader(new StringReader(pageXml));
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        if (!xml.getLocalName().equals("page")) {
                            throw new XMLStreamException("expected <page>, found <" + xml.getLocalName() + ">");
                        }
                        return readPage(xml, where, 0, t -> { });
                    }
                }
                throw new XMLStreamException("no <page> element");
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(where + ": malformed <page> element (" + rootMessage(e) + ")", e);
        }
    }

    private static SiteInfo readSiteInfo(XMLStreamReader xml, Namespaces namespaces, String file)
            throws XMLStreamException {
        String dbName = "";
        boolean firstLetter = true;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("siteinfo")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "dbname" -> dbName = xml.getElementText().strip();
                case "case" -> firstLetter = xml.getElementText().strip().equals("first-letter");
                case "namespace" -> {
                    String key = xml.getAttributeValue(null, "key");
                    String name = xml.getElementText();
                    try {
                        namespaces.declare(Integer.parseInt(key.strip()), name);
                    } catch (NumberFormatException | NullPointerException e) {
                        throw new XMLStreamException(file + ": <namespace key=\"" + key
                                + "\"> is not an integer", xml.getLocation());
                    }
                }
                default -> {
                }
            }
        }
        return new SiteInfo(dbName, firstLetter, namespaces);
    }

    /** Reads one page, the reader positioned on its {@code <page>} start tag; reports the title when read. */
    private static DumpPage readPage(XMLStreamReader xml, String file, long pagesBefore,
            Consumer<String> titleSeen) throws XMLStreamException {
        String title = null;
        int ns = 0;
        String redirect = null;
        String text = "";
        long id = -1;
        int depth = 1;
        while (true) {
            int event = xml.next(); // throws at end of input inside the page: that is a truncation
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                switch (name) {
                    case "title" -> {
                        title = xml.getElementText();
                        titleSeen.accept(title);
                    }
                    case "id" -> {
                        if (depth == 1) { // the page's own id; revision and contributor ids sit deeper
                            id = parseInteger("id", xml.getElementText(), title, xml, file);
                        } else {
                            depth++;
                        }
                    }
                    case "ns" -> ns = (int) parseInteger("ns", xml.getElementText(), title, xml, file);
                    case "redirect" -> {
                        redirect = xml.getAttributeValue(null, "title");
                        depth++;
                    }
                    case "text" -> text = xml.getElementText();
                    default -> depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 0) {
                    break;
                }
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("end of document inside <page>");
            }
        }
        if (title == null) {
            throw new XMLStreamException(file + ": <page> without <title> after " + pagesBefore + " pages",
                    xml.getLocation());
        }
        if (redirect == null) {
            redirect = redirectFromText(text);
        }
        return new DumpPage(title, ns, redirect, text, id);
    }

    /** The integer in a page's {@code <id>} or {@code <ns>} element; anything else is an error naming the page. */
    private static long parseInteger(String element, String value, String title, XMLStreamReader xml, String file)
            throws XMLStreamException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new XMLStreamException(file + ": page \"" + title + "\" has <" + element + ">" + value
                    + "</" + element + ">, expected an integer", xml.getLocation());
        }
    }

    /**
     * Carries a failure that is not a broken stream (the page handler's own, or a file that is no MediaWiki
     * export) past the truncation handling.
     */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** The StAX state machine: siteinfo first, then pages. */
    private static final class PageParser {
        private final CompressedInput in;
        private final PageHandler handler;
        private final Progress progress;
        private final Namespaces namespaces = new Namespaces();
        private SiteInfo siteInfo = new SiteInfo("", true, namespaces);
        private long pages;
        private String currentTitle;

        PageParser(CompressedInput in, PageHandler handler, Progress progress) {
            this.in = in;
            this.handler = handler;
            this.progress = progress;
        }

        void run() throws XMLStreamException, IOException {
            InputStream stream = in.stream();
            XMLStreamReader xml = factory().createXMLStreamReader(stream, "UTF-8");
            try {
                boolean sawRoot = false;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    if (!sawRoot) {
                        if (!name.equals("mediawiki")) {
                            throw new HandlerFailure(new IOException(in.file() + ": not a MediaWiki XML export (root"
                                    + " element <" + name + ">, expected <mediawiki>)"));
                        }
                        sawRoot = true;
                    } else if (name.equals("siteinfo")) {
                        readSiteInfo(xml);
                    } else if (name.equals("page")) {
                        DumpPage page = readPage(xml);
                        currentTitle = null;
                        pages++;
                        try {
                            handler.page(page, siteInfo);
                        } catch (IOException e) {
                            throw new HandlerFailure(e);
                        }
                        progress.update(in.compressedBytesRead(), pages + " pages");
                    }
                }
                if (!sawRoot) {
                    throw new XMLStreamException("empty stream");
                }
            } finally {
                xml.close();
            }
        }

        private void readSiteInfo(XMLStreamReader xml) throws XMLStreamException {
            siteInfo = WikiDumpReader.readSiteInfo(xml, namespaces, in.file().toString());
        }

        private DumpPage readPage(XMLStreamReader xml) throws XMLStreamException {
            return WikiDumpReader.readPage(xml, in.file().toString(), pages, t -> currentTitle = t);
        }
    }
}
