// The one responsive layout every Tend email uses (React Email). Every value arrives as plain text
// and React escapes it, so product titles or names containing HTML show up as text, never markup.
import {
  Body,
  Button,
  Column,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Row,
  Section,
  Text,
} from "@react-email/components";
import type { CSSProperties } from "react";

export interface EmailProduct {
  title: string;
  variantTitle: string | null;
  quantity: number;
  price: string; // already formatted in the shop's currency
  imageUrl: string | null; // only absolute https URLs reach here
  link: string; // tracked link
}

export interface EmailBrand {
  shopName: string;
  logoUrl: string | null;
  brandColor: string; // validated #rgb / #rrggbb
  postalAddress: string;
  shopLink: string;
}

export interface EmailLayoutProps {
  preheader: string;
  /** Invisible filler after the preheader (see preheaderFill), so clients do not pull body text in. */
  preheaderFill: string;
  headline: string;
  paragraphs: string[];
  callout: string;
  /** The step's discount, written by Tend (not the copy) when the approved copy does not offer it. */
  offer?: string;
  cta: string;
  ctaLink: string;
  products: EmailProduct[];
  brand: EmailBrand;
  unsubscribeUrl: string;
}

const PREHEADER_MAX = 150;
const FILLER = "\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff";

/** The preheader as inbox previews show it, and the filler that pads it to PREHEADER_MAX characters. */
export function preheaderParts(preheader: string): { preheader: string; preheaderFill: string } {
  const shown = preheader.substring(0, PREHEADER_MAX);
  const fill = shown.length < PREHEADER_MAX ? FILLER.repeat(PREHEADER_MAX - shown.length) : "";
  return { preheader: shown, preheaderFill: fill };
}

// The preheader shows only in inbox previews: display:none for most clients, mso-hide:all for
// Outlook on Windows (it ignores display:none), and zero size, opacity and clipping for the clients
// (Gmail on mobile among them) that drop some of these declarations.
const hidden: CSSProperties & { msoHide: string } = {
  display: "none",
  msoHide: "all",
  visibility: "hidden",
  overflow: "hidden",
  fontSize: "1px",
  lineHeight: "1px",
  opacity: 0,
  maxHeight: 0,
  maxWidth: 0,
};

const text = { color: "#202223", fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" };
const small = { color: "#6d7175", fontSize: "12px", lineHeight: "18px", margin: "0 0 8px" };

export function EmailLayout(p: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      {/* React Email's <Preview> markup, with the padding passed in: the layout renders each value
          as an opaque string, which lets render-cache render it once per shape. */}
      <div style={hidden} data-skip-in-text={true}>
        {p.preheader}
        {p.preheaderFill ? <div>{p.preheaderFill}</div> : null}
      </div>
      <Body style={{ backgroundColor: "#f6f6f7", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container
          style={{ backgroundColor: "#ffffff", maxWidth: "600px", padding: "24px", margin: "0 auto" }}
        >
          <Section style={{ paddingBottom: "16px" }}>
            <Link href={p.brand.shopLink}>
              {p.brand.logoUrl ? (
                <Img src={p.brand.logoUrl} alt={p.brand.shopName} height="48" style={{ maxWidth: "200px" }} />
              ) : (
                <Text style={{ ...text, fontWeight: "bold", color: p.brand.brandColor }}>
                  {p.brand.shopName}
                </Text>
              )}
            </Link>
          </Section>
          <Heading
            as="h1"
            style={{ color: "#202223", fontSize: "24px", lineHeight: "32px", margin: "0 0 16px" }}
          >
            {p.headline}
          </Heading>
          {p.paragraphs.map((paragraph, i) => (
            // Paragraph order is fixed by the approved copy, so the index is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: static list
            <Text key={i} style={text}>
              {paragraph}
            </Text>
          ))}
          {p.products.map((product, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static list
            <Section key={i} style={{ borderTop: "1px solid #e1e3e5", padding: "12px 0" }}>
              <Row>
                {product.imageUrl ? (
                  <Column style={{ width: "96px", paddingRight: "12px", verticalAlign: "top" }}>
                    <Link href={product.link}>
                      <Img
                        src={product.imageUrl}
                        alt={product.title}
                        width="96"
                        style={{ borderRadius: "4px" }}
                      />
                    </Link>
                  </Column>
                ) : null}
                <Column style={{ verticalAlign: "top" }}>
                  <Link
                    href={product.link}
                    style={{ color: "#202223", fontWeight: "bold", fontSize: "16px" }}
                  >
                    {product.title}
                  </Link>
                  {product.variantTitle ? <Text style={small}>{product.variantTitle}</Text> : null}
                  <Text style={{ ...text, margin: "4px 0 0" }}>
                    {product.quantity > 1 ? `${product.quantity} × ${product.price}` : product.price}
                  </Text>
                </Column>
              </Row>
            </Section>
          ))}
          {p.callout ? <Text style={{ ...text, fontStyle: "italic" }}>{p.callout}</Text> : null}
          {p.offer ? (
            <Text style={{ ...text, fontWeight: "bold", border: "1px dashed #8c9196", padding: "12px" }}>
              {p.offer}
            </Text>
          ) : null}
          <Section style={{ padding: "8px 0 24px" }}>
            <Button
              href={p.ctaLink}
              style={{
                backgroundColor: p.brand.brandColor,
                color: "#ffffff",
                borderRadius: "4px",
                padding: "12px 20px",
                fontSize: "16px",
                fontWeight: "bold",
              }}
            >
              {p.cta}
            </Button>
          </Section>
          <Hr style={{ borderColor: "#e1e3e5" }} />
          <Text style={small}>
            You are receiving this email because you subscribed to news from {p.brand.shopName}.{" "}
            <Link href={p.unsubscribeUrl} style={{ color: "#6d7175", textDecoration: "underline" }}>
              Unsubscribe
            </Link>
          </Text>
          <Text style={small}>
            {p.brand.shopName} · {p.brand.postalAddress}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
