package org.opencpm.testfixtures;

import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.Recipient;

/** The purposes the stories use: a beauty brand's marketing, a partner share, a health service. */
public final class Purposes {

    public static final Purpose MARKETING_SMS = Purpose.builder("marketing-sms").name("zh", "营销短信")
            .category(PurposeCategory.MARKETING).dataElement(DataElement.named("phone")).validityDays(730).build();

    public static final Purpose MARKETING_EMAIL = Purpose.builder("marketing-email").name("zh", "营销邮件")
            .category(PurposeCategory.MARKETING).dataElement(DataElement.named("email")).doubleOptIn(true).build();

    public static final Purpose PERSONALIZATION = Purpose.builder("personalized-recs").name("zh", "个性化推荐")
            .category(PurposeCategory.PERSONALIZATION).dataElement(DataElement.named("purchase_history")).build();

    public static final Purpose SHARE_WITH_TMALL = Purpose.builder("share-tmall").name("zh", "向天猫提供")
            .category(PurposeCategory.SHARING).dataElement(DataElement.named("phone"))
            .recipient(new Recipient("Tmall", "privacy@tmall.com", "CN", "member matching")).build();

    public static final Purpose HEALTH_ADVICE = Purpose.builder("health-advice").name("zh", "健康建议")
            .category(PurposeCategory.SERVICE).sensitive(true).dataElement(DataElement.named("health")).build();

    public static final Purpose ORDER_DELIVERY = Purpose.builder("order-delivery").name("zh", "订单配送")
            .category(PurposeCategory.SERVICE).legalBasis(LegalBasis.CONTRACT).necessary(true)
            .dataElement(DataElement.named("phone")).dataElement(DataElement.named("address")).build();

    private Purposes() {
    }
}
