package org.opencpm.plugins.wechat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One message WeChat pushed to the server URL, read from its XML:
 * {@code <xml><ToUserName/><FromUserName/><CreateTime/><MsgType/><Event/>…</xml>}, with the
 * subscribe-message choices of a {@code subscribe_msg_popup_event} or
 * {@code subscribe_msg_change_event} ({@code <List><TemplateId/><SubscribeStatusString/><PopupScene/></List>},
 * one per template, under {@code SubscribeMsgPopupEvent} or {@code SubscribeMsgChangeEvent}).
 *
 * <p>The XML is read with no DTD at all (a {@code <!DOCTYPE} is refused, so no entity, internal or
 * external, is ever expanded: no XXE, no billion laughs), no XInclude and the JDK's secure
 * processing limits; the handler bounds the body's size before.
 *
 * @param fromUser   the sender's openid (scoped by the app the push is for)
 * @param createTime unix seconds, as WeChat wrote them
 * @param msgType    {@code event}, {@code text}…
 * @param event      the event, for {@code msgType} {@code event}; empty otherwise
 * @param choices    the subscribe-message choices, in the push's order
 */
record PushMessage(String fromUser, String createTime, String msgType, Optional<String> event, List<Choice> choices) {

    /** One template's choice: {@code accept} or {@code reject}, and where the pop-up was (empty when WeChat did not say). */
    record Choice(String templateId, String status, Optional<String> popupScene) {
    }

    /** A body that is no message WeChat would push. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason);
        }
    }

    /** Hides the openid: identifiers never reach a log. */
    @Override
    public String toString() {
        return "PushMessage[" + msgType + event.map(e -> "/" + e).orElse("") + ", " + choices.size() + " choices, openid hidden]";
    }

    /** The {@code <Encrypt>} of a push in safe or compatible mode, if it has one. */
    static Optional<String> encrypted(byte[] xml) throws Malformed {
        return text(root(xml), "Encrypt");
    }

    static PushMessage parse(byte[] xml) throws Malformed {
        Element root = root(xml);
        String from = text(root, "FromUserName").orElseThrow(() -> new Malformed("no FromUserName"));
        String createTime = text(root, "CreateTime").filter(t -> t.matches("\\d{1,12}"))
                .orElseThrow(() -> new Malformed("no CreateTime in seconds"));
        String msgType = text(root, "MsgType").orElseThrow(() -> new Malformed("no MsgType"));
        List<Choice> choices = new ArrayList<>();
        NodeList lists = root.getElementsByTagName("List");
        for (int i = 0; i < lists.getLength(); i++) {
            Element list = (Element) lists.item(i);
            Optional<String> template = text(list, "TemplateId");
            Optional<String> status = text(list, "SubscribeStatusString");
            if (template.isPresent() && status.isPresent()) {
                choices.add(new Choice(template.get(), status.get(), text(list, "PopupScene")));
            }
        }
        return new PushMessage(from, createTime, msgType, text(root, "Event"), List.copyOf(choices));
    }

    private static Element root(byte[] xml) throws Malformed {
        Element root;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            Document document = builder.parse(new ByteArrayInputStream(xml));
            root = document.getDocumentElement();
        } catch (SAXException e) {
            throw new Malformed("not well-formed XML, or a DOCTYPE (refused)");
        } catch (IOException | ParserConfigurationException e) {
            throw new Malformed("unreadable XML");
        }
        if (!"xml".equals(root.getTagName())) {
            throw new Malformed("the root element is not <xml>");
        }
        return root;
    }

    /** The stripped text of {@code parent}'s first child element {@code name}, if it has one that is not blank. */
    private static Optional<String> text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                String text = element.getTextContent().strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** Keeps the parser from printing "[Fatal Error]" lines to stderr: a refusal is reported once, by the handler. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
