<?xml version="1.0" encoding="UTF-8"?>
<!--
  Copyright (C) 2026 The acrn-alloc developers
  SPDX-License-Identifier: BSD-3-Clause

  launch-script.xsl: scenario XML + board XML -> launch_user_vm_id<N>.sh for
  one post-launched VM.  The acrn-dm parameters, their order and the virtual
  slot numbers follow ACRN's launch_cfg_gen.py; absent settings take the
  defaults of ACRN's schema, as default_populator.py would fill them in.

  Source document: the scenario.  Parameters (strings, passed quoted):
    board   URI of the board XML (APIC IDs, PCI classes, SR-IOV capabilities)
    vm-id   the vm/@id to write the script for

  Safety: every value that comes from the XML is written as a single-quoted
  bash word ("'" becomes "'\''"), never inside backticks or an unquoted
  expansion, so a VM name, path or option holding quotes, $(...), backticks
  or newlines runs nothing; the generated helpers only expand variables in
  double quotes.  Comments carry no XML text except the VM name with line
  breaks turned into spaces.

  SR-IOV: for a pci_dev that is a VF of an SR-IOV PF of the board (VFs do
  not exist when the board inspector runs, so the board lists only the PF),
  the script first makes sure the PF has enough VFs (sriov_numvfs, only
  raised from 0, never lowered; the count covers the VFs of every
  post-launched VM of the scenario so the launch order does not matter),
  then binds the VF to pci-stub through driver_override.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="board"/>
  <xsl:param name="vm-id"/>
  <!-- (I/O core groups) recommendation.xml with an <io-group>, or '' -->
  <xsl:param name="recommendation" select="''"/>

  <xsl:variable name="brd" select="document($board)/acrn-config"/>
  <xsl:variable name="vm" select="/acrn-config/vm[@id = $vm-id]"/>
  <xsl:variable name="hv" select="/acrn-config/hv"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <!-- the settings the script needs, with ACRN's schema defaults -->
  <xsl:variable name="vm-name">
    <xsl:choose>
      <xsl:when test="$vm/name/text()"><xsl:value-of select="$vm/name"/></xsl:when>
      <xsl:otherwise>ACRN Post-Launched VM</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="vm-type">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm//vm_type)[1]"/>
      <xsl:with-param name="default" select="'STANDARD_VM'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="rt" select="$vm-type = 'RTVM'"/>
  <xsl:variable name="scheduler">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($hv//SCHEDULER)[1]"/>
      <xsl:with-param name="default" select="'SCHED_BVT'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="own-pcpu">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm//own_pcpu)[1]"/>
      <xsl:with-param name="default" select="'n'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="os-type">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm//os_type)[1]"/>
      <xsl:with-param name="default" select="'Non-Windows OS'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="memory">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm/memory/size)[1]"/>
      <xsl:with-param name="default" select="'1024'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="vbootloader">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm//vbootloader)[1]"/>
      <xsl:with-param name="default" select="'y'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="ptm">
    <xsl:call-template name="setting">
      <xsl:with-param name="node" select="($vm//PTM)[1]"/>
      <xsl:with-param name="default" select="'y'"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template name="setting">
    <xsl:param name="node"/>
    <xsl:param name="default"/>
    <xsl:choose>
      <xsl:when test="$node and normalize-space($node) != ''">
        <xsl:value-of select="normalize-space($node)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== small helpers ===== -->

  <!-- a single-quoted bash word -->
  <xsl:template name="q">
    <xsl:param name="s"/>
    <xsl:text>'</xsl:text>
    <xsl:call-template name="escape-quotes">
      <xsl:with-param name="s" select="$s"/>
    </xsl:call-template>
    <xsl:text>'</xsl:text>
  </xsl:template>

  <xsl:template name="escape-quotes">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test='contains($s, "&apos;")'>
        <xsl:value-of select='substring-before($s, "&apos;")'/>
        <xsl:text>'\''</xsl:text>
        <xsl:call-template name="escape-quotes">
          <xsl:with-param name="s" select='substring-after($s, "&apos;")'/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- hexadecimal text, with or without 0x, to a number -->
  <xsl:template name="hex">
    <xsl:param name="s"/>
    <xsl:param name="acc" select="0"/>
    <xsl:variable name="t" select="translate(normalize-space($s), 'ABCDEFX', 'abcdefx')"/>
    <xsl:choose>
      <xsl:when test="starts-with($t, '0x')">
        <xsl:call-template name="hex">
          <xsl:with-param name="s" select="substring($t, 3)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$t = ''"><xsl:value-of select="$acc"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="hex">
          <xsl:with-param name="s" select="substring($t, 2)"/>
          <xsl:with-param name="acc" select="$acc * 16 + string-length(substring-before('0123456789abcdef', substring($t, 1, 1)))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a number to lowercase hexadecimal without leading zeros ("0" for 0) -->
  <xsl:template name="tohex">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt;= 16">
      <xsl:call-template name="tohex">
        <xsl:with-param name="n" select="floor($n div 16)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:value-of select="substring('0123456789abcdef', ($n mod 16) + 1, 1)"/>
  </xsl:template>

  <!-- the board's address attributes of a BDF "BB:DD.F": "0xB/0xDDDDF" as
       launch_cfg_gen.py looks devices up (bus/@address, device/@address) -->
  <xsl:template name="board-address">
    <xsl:param name="bdf"/>
    <xsl:variable name="b"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($bdf, 1, 2)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="d"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($bdf, 4, 2)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="f"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($bdf, 7, 1)"/></xsl:call-template></xsl:variable>
    <xsl:text>0x</xsl:text>
    <xsl:call-template name="tohex"><xsl:with-param name="n" select="$b"/></xsl:call-template>
    <xsl:text>/0x</xsl:text>
    <xsl:call-template name="tohex"><xsl:with-param name="n" select="$d * 65536 + $f"/></xsl:call-template>
  </xsl:template>

  <!-- right-aligns a number in three columns, like Python's {:3d} -->
  <xsl:template name="pad3">
    <xsl:param name="n"/>
    <xsl:value-of select="substring('   ', 1, 3 - string-length($n))"/>
    <xsl:value-of select="$n"/>
  </xsl:template>

  <!-- the slot of a virtual BDF "BB:DD.F" (ACRN: int(DD, 16)), "" if none -->
  <xsl:template name="slot-of">
    <xsl:param name="vbdf"/>
    <xsl:if test="contains($vbdf, ':')">
      <xsl:call-template name="hex">
        <xsl:with-param name="s" select="substring-before(substring-after($vbdf, ':'), '.')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="basename">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '/')">
        <xsl:call-template name="basename">
          <xsl:with-param name="s" select="substring-after($s, '/')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TRUE-ish ("y") if the first 7 characters of a pci_dev look like ACRN's
       BDF regex ([0-9a-f]{2}):([0-1][0-9a-f]).([0-7]) -->
  <xsl:template name="is-bdf">
    <xsl:param name="s"/>
    <xsl:if test="string-length($s) &gt;= 7
		  and translate(substring($s, 1, 2), '0123456789abcdef', '') = ''
		  and substring($s, 3, 1) = ':'
		  and translate(substring($s, 4, 1), '01', '') = ''
		  and translate(substring($s, 5, 1), '0123456789abcdef', '') = ''
		  and substring($s, 5, 1) != ''
		  and translate(substring($s, 7, 1), '01234567', '') = ''">y</xsl:if>
  </xsl:template>

  <!-- every VF named by a post-launched VM of the scenario:
       <vf vm= bdf= pf= n=/>, n counting from 1 as sriov_numvfs does -->
  <xsl:variable name="vfs-rtf">
    <xsl:for-each select="/acrn-config/vm[normalize-space(load_order) = 'POST_LAUNCHED_VM']/pci_devs/pci_dev">
      <xsl:variable name="v-bdf" select="substring(normalize-space(.), 1, 7)"/>
      <xsl:variable name="v-ok">
        <xsl:call-template name="is-bdf"><xsl:with-param name="s" select="$v-bdf"/></xsl:call-template>
      </xsl:variable>
      <xsl:variable name="v-pf" select="$brd//device[capability/@id = 'SR-IOV'][substring(@description, 1, 5) = substring($v-bdf, 1, 5)][1]"/>
      <xsl:variable name="v-addr">
        <xsl:call-template name="board-address"><xsl:with-param name="bdf" select="$v-bdf"/></xsl:call-template>
      </xsl:variable>
      <!-- the PF's BDF comes from the board's description text: only a
           well-formed "BB:DD.F" is used (the board is as untrusted as the
           scenario), and it is written as a quoted word -->
      <xsl:variable name="v-pf-bdf" select="substring($v-pf/@description, 1, 7)"/>
      <xsl:variable name="v-pf-ok">
        <xsl:if test="substring($v-pf-bdf, 6, 1) = '.'">
          <xsl:call-template name="is-bdf"><xsl:with-param name="s" select="$v-pf-bdf"/></xsl:call-template>
        </xsl:if>
      </xsl:variable>
      <xsl:if test="$v-ok = 'y' and $v-pf and $v-pf-ok = 'y' and not($brd//bus[@type = 'pci'][@address = substring-before($v-addr, '/')]/device[@address = substring-after($v-addr, '/')])">
        <xsl:variable name="v-cap" select="$v-pf/capability[@id = 'SR-IOV']"/>
        <xsl:variable name="v-b"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($v-bdf, 1, 2)"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-d"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($v-bdf, 4, 2)"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-f"><xsl:call-template name="hex"><xsl:with-param name="s" select="substring($v-bdf, 7, 1)"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-fb"><xsl:call-template name="hex"><xsl:with-param name="s" select="$v-cap/first_vf_bdf/bus"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-fd"><xsl:call-template name="hex"><xsl:with-param name="s" select="$v-cap/first_vf_bdf/device"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-ff"><xsl:call-template name="hex"><xsl:with-param name="s" select="$v-cap/first_vf_bdf/function"/></xsl:call-template></xsl:variable>
        <xsl:variable name="v-stride">
          <xsl:choose>
            <xsl:when test="number($v-cap/vf_stride) &gt; 0"><xsl:value-of select="number($v-cap/vf_stride)"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="v-offset" select="($v-b * 256 + $v-d * 8 + $v-f) - ($v-fb * 256 + $v-fd * 8 + $v-ff)"/>
        <xsl:if test="$v-offset &gt;= 0 and $v-offset mod $v-stride = 0">
          <vf vm="{../../@id}" bdf="{$v-bdf}" pf="{concat('0000:', $v-pf-bdf)}" n="{$v-offset div $v-stride + 1}"/>
        </xsl:if>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="vfs" select="exsl:node-set($vfs-rtf)/vf"/>
  <xsl:variable name="my-vfs" select="$vfs[@vm = $vm-id]"/>

  <!-- ===== the acrn-dm parameters, in launch_cfg_gen.py's order =====
       <plain> words </plain>, <virt kind= slot= opt=/> (opt is already a
       bash word), <pt bdf= class= opt= vf=/> -->
  <xsl:variable name="params-rtf">
    <xsl:if test="$os-type = 'Windows OS'">
      <plain><w>--windows</w></plain>
    </xsl:if>
    <cpus/>
    <plain><w>-m</w><w><xsl:value-of select="concat($memory, 'M')"/></w></plain>
    <xsl:if test="$rt and normalize-space((//SSRAM_ENABLED)[1]) = 'y'">
      <plain><w>--ssram</w></plain>
    </xsl:if>
    <xsl:if test="$vbootloader = 'y'">
      <plain><w>--ovmf</w><w>/usr/share/acrn/bios/OVMF.fd</w></plain>
    </xsl:if>
    <xsl:if test="not($rt)">
      <virt kind="lpc" slot="1:0" opt=""/>
    </xsl:if>
    <xsl:if test="normalize-space(($vm//vuart0)[1]) = 'y'">
      <plain><w>-l</w><w>com1,stdio</w></plain>
    </xsl:if>
    <virt kind="hostbridge" slot="0:0" opt=""/>

    <!-- ivshmem: Device Model regions, then Hypervisor ones -->
    <xsl:for-each select="//IVSHMEM_REGION[normalize-space(PROVIDED_BY) = 'Device Model'][.//VM_NAME = $vm-name]
			  | //IVSHMEM_REGION[normalize-space(PROVIDED_BY) = 'Hypervisor'][.//VM_NAME = $vm-name]">
      <xsl:sort select="number(normalize-space(PROVIDED_BY) = 'Hypervisor')" data-type="number"/>
      <xsl:variable name="prefix">
        <xsl:choose>
          <xsl:when test="normalize-space(PROVIDED_BY) = 'Hypervisor'">hv:/</xsl:when>
          <xsl:otherwise>dm:/</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="region-id">
        <xsl:choose>
          <xsl:when test="IVSHMEM_REGION_ID"><xsl:value-of select="IVSHMEM_REGION_ID"/></xsl:when>
          <xsl:otherwise>0</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <virt kind="ivshmem">
        <xsl:attribute name="slot">
          <xsl:call-template name="slot-of">
            <xsl:with-param name="vbdf" select="string((.//IVSHMEM_VM[VM_NAME = $vm-name]/VBDF)[1])"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:attribute name="opt">
          <xsl:call-template name="q">
            <xsl:with-param name="s" select="concat($prefix, NAME, ',', IVSHMEM_SIZE, ',', $region-id)"/>
          </xsl:call-template>
        </xsl:attribute>
      </virt>
    </xsl:for-each>

    <xsl:if test="normalize-space(($vm//console_vuart)[1]) = 'PCI'">
      <virt kind="uart" slot="" opt="vuart_idx:0"/>
    </xsl:if>
    <xsl:for-each select="$hv//vuart_connection[endpoint/vm_name/text() = $vm-name]">
      <xsl:if test="normalize-space(type) = 'pci'">
        <virt kind="uart" opt="vuart_idx:{position()}">
          <xsl:attribute name="slot">
            <xsl:call-template name="slot-of">
              <xsl:with-param name="vbdf" select="string((endpoint[vm_name/text() = $vm-name]/vbdf)[1])"/>
            </xsl:call-template>
          </xsl:attribute>
        </virt>
      </xsl:if>
    </xsl:for-each>

    <xsl:if test="$vm//usb_xhci/usb_dev[text() != '']">
      <virt kind="xhci" slot="">
        <xsl:attribute name="opt">
          <xsl:call-template name="q">
            <xsl:with-param name="s">
              <xsl:for-each select="$vm//usb_xhci/usb_dev[text() != '']">
                <xsl:if test="position() &gt; 1">,</xsl:if>
                <xsl:value-of select="substring-before(concat(text(), ' '), ' ')"/>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:attribute>
      </virt>
    </xsl:if>

    <xsl:for-each select="$vm//virtio_devices/input[backend_device_file[text() != '']]">
      <virt kind="virtio-input" slot="">
        <xsl:attribute name="opt">
          <xsl:call-template name="q">
            <xsl:with-param name="s">
              <xsl:value-of select="backend_device_file"/>
              <xsl:if test="id[text() != '']">
                <xsl:value-of select="concat(',id:', id)"/>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:attribute>
      </virt>
    </xsl:for-each>

    <xsl:for-each select="$vm//virtio_devices/console">
      <xsl:variable name="use">
        <xsl:call-template name="setting">
          <xsl:with-param name="node" select="use_type"/>
          <xsl:with-param name="default" select="'Virtio console'"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="backend">
        <xsl:call-template name="setting">
          <xsl:with-param name="node" select="backend_type"/>
          <xsl:with-param name="default" select="'stdio'"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="mask">
        <xsl:if test="$use = 'Virtio console'">@</xsl:if>
      </xsl:variable>
      <xsl:variable name="opt">
        <xsl:choose>
          <xsl:when test="$backend = 'file'">
            <xsl:value-of select="concat($mask, 'file:file_port=', output_file_path)"/>
          </xsl:when>
          <xsl:when test="$backend = 'tty'">
            <xsl:value-of select="concat($mask, 'tty:tty_port=', tty_device_path)"/>
          </xsl:when>
          <xsl:when test="$backend = 'sock server' or $backend = 'sock client'">
            <xsl:variable name="base">
              <xsl:call-template name="basename"><xsl:with-param name="s" select="string(sock_file_path)"/></xsl:call-template>
            </xsl:variable>
            <xsl:variable name="stem">
              <xsl:choose>
                <xsl:when test="contains($base, '.')"><xsl:value-of select="substring-before($base, '.')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$base"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:value-of select="concat('socket:', $stem, '=', sock_file_path, ':', substring-after($backend, 'sock '))"/>
          </xsl:when>
          <xsl:when test="$backend = 'pty' or $backend = 'stdio'">
            <xsl:value-of select="concat($mask, $backend, ':', $backend, '_port')"/>
          </xsl:when>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="$opt != ''">
        <virt kind="virtio-console" slot="">
          <xsl:attribute name="opt">
            <xsl:call-template name="q"><xsl:with-param name="s" select="$opt"/></xsl:call-template>
          </xsl:attribute>
        </virt>
      </xsl:if>
    </xsl:for-each>

    <!-- an empty <network/> is a row the configurator left unset (as <input/>
         and <block/>): no device -->
    <xsl:for-each select="$vm//virtio_devices/network[* or normalize-space(.) != '']">
      <xsl:if test="not(interface_name/text())">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('a virtio network device of VM &quot;', $vm-name, '&quot; has no interface_name; name its TAP device')"/>
        </xsl:message>
      </xsl:if>
      <xsl:variable name="framework">
        <xsl:call-template name="setting">
          <xsl:with-param name="node" select="virtio_framework"/>
          <xsl:with-param name="default" select="'User space based (VBSU)'"/>
        </xsl:call-template>
      </xsl:variable>
      <virt kind="virtio-net" slot="" mac="y">
        <xsl:attribute name="opt">
          <xsl:call-template name="q">
            <xsl:with-param name="s">
              <xsl:value-of select="concat('tap=', interface_name)"/>
              <xsl:if test="$framework = 'Kernel based (Virtual Host)'">,vhost</xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:text>",mac_seed=${mac:0:17}-${vm_name}"</xsl:text>
        </xsl:attribute>
      </virt>
    </xsl:for-each>

    <xsl:for-each select="$vm//virtio_devices/block[text() != '']">
      <xsl:variable name="text" select="string(.)"/>
      <xsl:choose>
        <xsl:when test="contains($text, ':')">
          <xsl:variable name="img" select="substring-after($text, ':')"/>
          <virt kind="virtio-blk" slot="" mount="{position()}">
            <xsl:attribute name="device">
              <xsl:call-template name="q"><xsl:with-param name="s" select="substring-before($text, ':')"/></xsl:call-template>
            </xsl:attribute>
            <xsl:attribute name="opt">
              <xsl:choose>
                <xsl:when test="starts-with($img, '/')">
                  <xsl:call-template name="q"><xsl:with-param name="s" select="$img"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="concat('&quot;${dir_', position(), '}&quot;/')"/>
                  <xsl:call-template name="q"><xsl:with-param name="s" select="$img"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </virt>
        </xsl:when>
        <xsl:otherwise>
          <virt kind="virtio-blk" slot="">
            <xsl:attribute name="opt">
              <xsl:call-template name="q"><xsl:with-param name="s" select="$text"/></xsl:call-template>
            </xsl:attribute>
          </virt>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>

    <xsl:for-each select="$vm//virtio_devices/gpu[display_type]">
      <xsl:variable name="type" select="string(display_type[text() != ''])"/>
      <virt kind="virtio-gpu" slot="">
        <xsl:attribute name="opt">
          <xsl:call-template name="q">
            <xsl:with-param name="s">
              <xsl:for-each select="displays/display">
                <xsl:if test="position() &gt; 1">,</xsl:if>
                <xsl:if test="$type = 'Window'">
                  <xsl:value-of select="concat('geometry=', window_resolutions, '+', horizontal_offset, '+', vertical_offset)"/>
                </xsl:if>
                <xsl:if test="$type = 'Full screen'">
                  <xsl:value-of select="concat('geometry=fullscreen:', monitor_id)"/>
                </xsl:if>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:attribute>
      </virt>
    </xsl:for-each>

    <xsl:for-each select="$vm//virtio_devices/vsock[text() != '']">
      <virt kind="vhost-vsock" slot="">
        <xsl:attribute name="opt">
          <xsl:call-template name="q"><xsl:with-param name="s" select="concat('cid=', .)"/></xsl:call-template>
        </xsl:attribute>
      </virt>
    </xsl:for-each>

    <!-- passthrough devices -->
    <xsl:for-each select="$vm//pci_devs/*[text()]">
      <xsl:variable name="t" select="string(.)"/>
      <xsl:variable name="ok">
        <xsl:call-template name="is-bdf"><xsl:with-param name="s" select="$t"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="$ok = 'y'">
        <xsl:variable name="bdf7" select="concat(substring($t, 1, 5), '.', substring($t, 7, 1))"/>
        <xsl:variable name="addr">
          <xsl:call-template name="board-address"><xsl:with-param name="bdf" select="$bdf7"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="dev" select="$brd//bus[@type = 'pci'][@address = substring-before($addr, '/')]/device[@address = substring-after($addr, '/')][1]"/>
        <xsl:variable name="class" select="normalize-space($dev/class)"/>
        <xsl:variable name="is-vf" select="boolean($my-vfs[@bdf = $bdf7])"/>
        <pt bdf="{concat('0000:', $bdf7)}" vf="{$is-vf}">
          <xsl:attribute name="gpu">
            <xsl:value-of select="$class = '0x030000' or ($is-vf and $brd//device[capability/@id = 'SR-IOV'][substring(@description, 1, 5) = substring($bdf7, 1, 5)][1]/class = '0x030000')"/>
          </xsl:attribute>
          <xsl:attribute name="opt">
            <xsl:if test="starts-with($class, '0x0200') and $ptm = 'y'">enable_ptm</xsl:if>
            <xsl:if test="starts-with($class, '0x0c0330') and $os-type = 'Windows OS'">d3hot_reset</xsl:if>
          </xsl:attribute>
        </pt>
      </xsl:if>
    </xsl:for-each>

    <xsl:if test="$rt">
      <plain><w>--rtvm</w></plain>
      <xsl:if test="normalize-space(($vm//lapic_passthrough)[1]) = 'y'">
        <plain><w>--lapic_pt</w></plain>
      </xsl:if>
    </xsl:if>
    <plain><w>--logger_setting</w><w>console,level=4;kmsg,level=3;disk,level=5</w></plain>
    <xsl:if test="$vm//customized_parameters/text()">
      <plain><w><xsl:value-of select="($vm//customized_parameters)[1]"/></w></plain>
    </xsl:if>
    <name/>
  </xsl:variable>
  <xsl:variable name="params" select="exsl:node-set($params-rtf)/*"/>

  <!-- ===== the script ===== -->
  <xsl:template match="/">
    <xsl:if test="not($vm)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('the scenario has no vm with id ', $vm-id)"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="normalize-space($vm/load_order) != 'POST_LAUNCHED_VM'">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('vm ', $vm-id, ' is not a POST_LAUNCHED_VM; only post-launched VMs have launch scripts')"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not($brd)">
      <xsl:message terminate="yes">the board XML has no acrn-config root element; give the board inspector's output</xsl:message>
    </xsl:if>

    <xsl:text>#!/bin/bash
# Values from the XML are single-quoted on purpose, "$(...)" included:
# shellcheck disable=SC2016
#
# Launch script for VM name: </xsl:text>
    <xsl:value-of select="translate($vm-name, '&#10;&#13;', '  ')"/>
    <xsl:text>
#
# Generated by acrn-alloc (xslt/launch-script.xsl) from the board and
# scenario XML; it passes acrn-dm the parameters ACRN's launch_cfg_gen.py
# would.  Every value taken from the XML is a single-quoted word: nothing in
# a name, path or option is run.
#
# ACRN_SYSFS_ROOT, when set, is put in front of every /sys and /proc path the
# script reads or writes (for testing away from an ACRN Service VM).
</xsl:text>
    <xsl:value-of select="$helpers"/>
    <xsl:text>
# Defining variables that describe VM types
vm_name=</xsl:text>
    <xsl:call-template name="q"><xsl:with-param name="s" select="$vm-name"/></xsl:call-template>
    <xsl:text>&#10;vm_type=</xsl:text>
    <xsl:call-template name="q"><xsl:with-param name="s" select="$vm-type"/></xsl:call-template>
    <xsl:text>&#10;scheduler=</xsl:text>
    <xsl:call-template name="q"><xsl:with-param name="s" select="$scheduler"/></xsl:call-template>
    <xsl:text>&#10;own_pcpu=</xsl:text>
    <xsl:call-template name="q"><xsl:with-param name="s" select="$own-pcpu"/></xsl:call-template>
    <xsl:text>

# Initializing
probe_modules
</xsl:text>
    <xsl:if test="$params[self::virt][@mac]">
      <xsl:text>mac=$(cat "${sysfs_root}"/sys/class/net/e*/address)&#10;</xsl:text>
    </xsl:if>
    <xsl:for-each select="$params[self::virt][@mount]">
      <xsl:value-of select="concat('dir_', @mount, '=$(mount_partition ', @device, ')', $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="$my-vfs[not(@pf = preceding-sibling::vf[@vm = $vm-id]/@pf)]">
      <xsl:variable name="pf" select="@pf"/>
      <xsl:for-each select="$vfs[@pf = $pf]">
        <xsl:sort select="@n" data-type="number" order="descending"/>
        <xsl:if test="position() = 1">
          <xsl:text>enable_vfs </xsl:text>
          <xsl:call-template name="q"><xsl:with-param name="s" select="$pf"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="q"><xsl:with-param name="s" select="@n"/></xsl:call-template>
          <xsl:value-of select="$nl"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>

    <xsl:call-template name="cpu-table"/>

    <xsl:text>
# Invoking ACRN device model
dm_params=()
</xsl:text>
    <xsl:call-template name="emit">
      <xsl:with-param name="i" select="1"/>
      <xsl:with-param name="free" select="' 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 '"/>
    </xsl:call-template>
    <xsl:call-template name="io-group"/>
    <xsl:text>
echo "Launch device model with parameters: ${dm_params[*]}"
acrn-dm "${dm_params[@]}"

# Deinitializing
</xsl:text>
    <xsl:for-each select="$params[self::virt][@mount]">
      <xsl:value-of select="concat('unmount_partition &quot;${dir_', @mount, '}&quot;', $nl)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- the CPU table of launch_cfg_gen.py: the Service VM's CPUs (all but the
       pre-launched VMs'), with their APIC IDs -->
  <xsl:template name="cpu-table">
    <xsl:variable name="pre" select="/acrn-config/vm[normalize-space(load_order) = 'PRE_LAUNCHED_VM']/cpu_affinity//pcpu_id"/>
    <xsl:text>
# CPU IDs of this scenario and board.  Native CPU_ID: the ID Linux enumerates
# natively and the scenario's cpu_affinity uses; Service VM CPU_ID: the ID the
# Service VM gives it at run time; APIC_ID: what --cpu_affinity below uses.
#
#   Native CPU_ID    Service VM CPU_ID    APIC_ID
#   -------------    -----------------    -------
</xsl:text>
    <xsl:for-each select="$brd//processors//thread[not($pre) or not(normalize-space(cpu_id) = $pre)]">
      <xsl:sort select="cpu_id" data-type="number"/>
      <xsl:variable name="apic"><xsl:call-template name="hex"><xsl:with-param name="s" select="apic_id"/></xsl:call-template></xsl:variable>
      <xsl:text>#   </xsl:text>
      <xsl:call-template name="pad3"><xsl:with-param name="n" select="normalize-space(cpu_id)"/></xsl:call-template>
      <xsl:text>                 </xsl:text>
      <xsl:call-template name="pad3"><xsl:with-param name="n" select="position() - 1"/></xsl:call-template>
      <xsl:text>                 </xsl:text>
      <xsl:call-template name="pad3"><xsl:with-param name="n" select="$apic"/></xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- walks the parameters, giving free slots out in order as ACRN's
       VirtualBDFAllocator does (3..29; 0, 1 and 2 are reserved; explicit
       slots are taken out of the free list) -->
  <xsl:template name="emit">
    <xsl:param name="i"/>
    <xsl:param name="free"/>
    <xsl:param name="gpu-used" select="false()"/>
    <xsl:param name="monitor" select="false()"/>
    <xsl:param name="poll" select="false()"/>
    <xsl:variable name="p" select="$params[$i]"/>
    <xsl:if test="$p">
      <xsl:variable name="first-free" select="substring-before(substring($free, 2), ' ')"/>
      <xsl:choose>
        <xsl:when test="$p/self::plain">
          <xsl:text>dm_params+=(</xsl:text>
          <xsl:for-each select="$p/w">
            <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:call-template name="q"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
          </xsl:for-each>
          <xsl:text>)&#10;</xsl:text>
          <xsl:call-template name="emit">
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="free" select="$free"/>
            <xsl:with-param name="gpu-used" select="$gpu-used"/>
            <xsl:with-param name="monitor" select="$monitor"/>
            <xsl:with-param name="poll" select="$poll"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$p/self::cpus">
          <xsl:variable name="ids" select="$vm/cpu_affinity//pcpu_id[text() != '']"/>
          <xsl:variable name="apics-rtf">
            <xsl:for-each select="$brd//processors//thread[normalize-space(cpu_id) = $ids]">
              <a><xsl:call-template name="hex"><xsl:with-param name="s" select="apic_id"/></xsl:call-template></a>
            </xsl:for-each>
          </xsl:variable>
          <xsl:if test="exsl:node-set($apics-rtf)/a">
            <xsl:text>add_cpus</xsl:text>
            <xsl:for-each select="exsl:node-set($apics-rtf)/a">
              <xsl:sort select="." data-type="number"/>
              <xsl:value-of select="concat(' ', .)"/>
            </xsl:for-each>
            <xsl:text>&#10;</xsl:text>
          </xsl:if>
          <xsl:call-template name="emit">
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="free" select="$free"/>
            <xsl:with-param name="gpu-used" select="$gpu-used"/>
            <xsl:with-param name="monitor" select="$monitor"/>
            <xsl:with-param name="poll" select="$poll"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$p/self::virt">
          <xsl:variable name="virtio" select="contains($p/@kind, 'virtio') and $rt"/>
          <xsl:if test="$virtio and not($poll)">
            <xsl:text>dm_params+=('--virtio_poll' '1000000')&#10;</xsl:text>
          </xsl:if>
          <xsl:variable name="slot">
            <xsl:choose>
              <xsl:when test="$p/@slot != ''"><xsl:value-of select="$p/@slot"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$first-free"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:if test="$slot = ''">
            <xsl:message terminate="yes">
              <xsl:value-of select="concat('VM &quot;', $vm-name, '&quot; has more devices than the 27 free virtual PCI slots (3-29); remove some')"/>
            </xsl:message>
          </xsl:if>
          <xsl:value-of select="concat('add_virtual_device ', $slot, ' ', $p/@kind)"/>
          <xsl:if test="$p/@opt != ''">
            <xsl:value-of select="concat(' ', $p/@opt)"/>
          </xsl:if>
          <xsl:text>&#10;</xsl:text>
          <xsl:call-template name="emit">
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="free">
              <xsl:choose>
                <xsl:when test="contains($free, concat(' ', $slot, ' '))">
                  <xsl:value-of select="concat(substring-before($free, concat(' ', $slot, ' ')), ' ', substring-after($free, concat(' ', $slot, ' ')))"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$free"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="gpu-used" select="$gpu-used"/>
            <xsl:with-param name="monitor" select="$monitor"/>
            <xsl:with-param name="poll" select="$poll or $virtio"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$p/self::pt">
          <xsl:variable name="gpu" select="$p/@gpu = 'true' and not($gpu-used)"/>
          <xsl:variable name="slot">
            <xsl:choose>
              <xsl:when test="$gpu">2</xsl:when>
              <xsl:otherwise><xsl:value-of select="$first-free"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:if test="$slot = ''">
            <xsl:message terminate="yes">
              <xsl:value-of select="concat('VM &quot;', $vm-name, '&quot; has more devices than the 27 free virtual PCI slots (3-29); remove some')"/>
            </xsl:message>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$p/@vf = 'true'">add_passthrough_vf </xsl:when>
            <xsl:otherwise>add_passthrough_device </xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="concat($slot, ' ')"/>
          <xsl:call-template name="q"><xsl:with-param name="s" select="$p/@bdf"/></xsl:call-template>
          <xsl:if test="$p/@opt != ''">
            <xsl:value-of select="concat(' ', $p/@opt)"/>
          </xsl:if>
          <xsl:text>&#10;</xsl:text>
          <xsl:if test="not($gpu) and not($monitor)">
            <xsl:text>dm_params+=('--intr_monitor' '10000,10,1,100')&#10;</xsl:text>
          </xsl:if>
          <xsl:call-template name="emit">
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="free">
              <xsl:choose>
                <xsl:when test="$gpu"><xsl:value-of select="$free"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat(' ', substring-after(substring($free, 2), ' '))"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="gpu-used" select="$gpu-used or $gpu"/>
            <xsl:with-param name="monitor" select="$monitor or not($gpu)"/>
            <xsl:with-param name="poll" select="$poll"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$p/self::name">
          <!-- a name starting with '-' would be an acrn-dm option -->
          <xsl:if test="starts-with($vm-name, '-')">
            <xsl:text>dm_params+=('--')&#10;</xsl:text>
          </xsl:if>
          <xsl:text>dm_params+=("${vm_name}")&#10;</xsl:text>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- the helper functions, written for this project after the behaviour
       of ACRN's launch_script_template.sh, with every expansion quoted -->
  <xsl:variable name="helpers"><![CDATA[
sysfs_root="${ACRN_SYSFS_ROOT:-}"

# Helper functions

probe_modules() {
	modprobe pci_stub
}

# takes the CPUs given by APIC ID away from the Service VM
offline_cpus() {
	local apic processor cpu_path
	for apic in "$@"; do
		processor=$(grep -B 15 "apicid.*: ${apic}\$" "${sysfs_root}/proc/cpuinfo" |
			grep '^processor' | head -n 1 | cut -d ' ' -f 2)
		if [ -z "${processor}" ]; then
			continue
		fi
		if [ "${processor}" = 0 ]; then
			echo "Warning: processor 0 cannot be taken offline" >&2
			continue
		fi
		cpu_path="${sysfs_root}/sys/devices/system/cpu/cpu${processor}"
		if [ -f "${cpu_path}/online" ] && [ "$(cat "${cpu_path}/online")" = 1 ]; then
			echo "cpu${processor} online=1" >&2
			echo 0 > "${cpu_path}/online"
			# CPU hotplug can be refused while a PCI driver probes at boot
			while [ "$(cat "${cpu_path}/online")" = 1 ]; do
				sleep 1
				echo 0 > "${cpu_path}/online"
			done
			echo "${processor}" > "${sysfs_root}/sys/devices/virtual/misc/acrn_hsm/remove_cpu"
		fi
	done
}

# hands a PCI device to pci-stub for passthrough
unbind_device() {
	local bdf=$1
	local dev="${sysfs_root}/sys/bus/pci/devices/${bdf}"
	local vendor device
	vendor=$(cat "${dev}/vendor")
	device=$(cat "${dev}/device")
	printf '%04x %04x\n' "${vendor}" "${device}" > "${sysfs_root}/sys/bus/pci/drivers/pci-stub/new_id"
	if [ -e "${dev}/driver" ]; then
		echo "${bdf}" > "${dev}/driver/unbind"
	fi
	echo "${bdf}" > "${sysfs_root}/sys/bus/pci/drivers/pci-stub/bind"
}

# makes sure the SR-IOV physical function $1 has at least $2 VFs; raises the
# count only from 0, since the kernel cannot add VFs while some exist (and
# they may be passed through to running VMs)
enable_vfs() {
	local pf=$1 needed=$2
	local dev="${sysfs_root}/sys/bus/pci/devices/${pf}"
	local current total
	if [ ! -f "${dev}/sriov_numvfs" ]; then
		echo "Error: ${pf} is not an SR-IOV physical function here (no ${dev}/sriov_numvfs);" \
			"VM ${vm_name} needs ${needed} of its VFs: check that the board XML is of this" \
			"machine and that SR-IOV is enabled in the BIOS and the PF's driver" >&2
		exit 1
	fi
	current=$(cat "${dev}/sriov_numvfs")
	if [ "${current}" -ge "${needed}" ]; then
		return 0
	fi
	if [ "${current}" -ne 0 ]; then
		echo "Error: ${pf} has ${current} VFs, VM ${vm_name} needs ${needed}; stop the VMs" \
			"using its VFs, then write 0 and then ${needed} to ${dev}/sriov_numvfs" >&2
		exit 1
	fi
	total=$(cat "${dev}/sriov_totalvfs")
	if [ "${needed}" -gt "${total}" ]; then
		echo "Error: ${pf} supports ${total} VFs, VM ${vm_name} needs ${needed}" >&2
		exit 1
	fi
	echo "Enabling ${needed} VFs on ${pf}" >&2
	echo "${needed}" > "${dev}/sriov_numvfs"
}

# hands an SR-IOV VF to pci-stub (driver_override leaves the PF's driver alone)
bind_vf() {
	local bdf=$1
	local dev="${sysfs_root}/sys/bus/pci/devices/${bdf}"
	local tries=0
	while [ ! -e "${dev}" ] && [ "${tries}" -lt 20 ]; do
		sleep 0.5
		tries=$((tries + 1))
	done
	if [ ! -e "${dev}" ]; then
		echo "Error: VF ${bdf} did not appear after enabling VFs on its PF" >&2
		exit 1
	fi
	# prepare_peripherals.sh may have bound it at boot: nothing to do
	if [ -L "${dev}/driver" ] && [ "$(basename "$(readlink "${dev}/driver")")" = pci-stub ]; then
		return 0
	fi
	echo pci-stub > "${dev}/driver_override"
	if [ -e "${dev}/driver" ]; then
		echo "${bdf}" > "${dev}/driver/unbind"
	fi
	echo "${bdf}" > "${sysfs_root}/sys/bus/pci/drivers_probe"
}

create_tap() {
	local tap=$1
	# the name always follows ip's "dev" keyword: one starting with '-' is
	# a name there, never an option
	if [ -n "$(ip a show dev "${tap}" 2>/dev/null)" ]; then
		echo "${tap} TAP device already available, reusing it."
		return
	fi
	ip tuntap add dev "${tap}" mode tap
	if ip a | grep -q acrn-br0; then
		echo "acrn-br0 bridge already exists, adding new ${tap} TAP device to it..."
		ip link set dev "${tap}" master acrn-br0
		ip link set dev "${tap}" down
		ip link set dev "${tap}" up
	fi
}

mount_partition() {
	local dir
	dir=$(mktemp -d)
	mount -- "$1" "${dir}"
	echo "${dir}"
}

unmount_partition() {
	umount -- "$1"
	rmdir -- "$1"
}

# finds the /dev/input/eventN of "Device name: X, Device physical path: Y"
find_input_device() {
	local options=$1 id="" name phys name_path phys_path event
	if [[ ${options} =~ id:([a-zA-Z0-9_-]*) ]]; then
		id=${BASH_REMATCH[1]}
		options=${options/",id:${id}"/}
	fi
	if [[ ${options} =~ (Device name: )(.*),( Device physical path: )(.*) ]]; then
		name=${BASH_REMATCH[2]}
		phys=${BASH_REMATCH[4]}
		for name_path in "${sysfs_root}"/sys/class/input/event*/device/name; do
			phys_path=${name_path%/name}/phys
			if [ -f "${name_path}" ] && [ -f "${phys_path}" ] &&
				grep -qF -- "${name}" "${name_path}" &&
				grep -qF -- "${phys}" "${phys_path}"; then
				event=${name_path%/device/name}
				options="/dev/input/${event##*/}"
				break
			fi
		done
	fi
	if [[ ! ${options} =~ event[0-9]+ ]]; then
		echo "${options} input device path is not found in the service vm." >&2
		return 1
	fi
	echo "${options} input device path is available in the service vm." >&2
	echo "${options}${id:+,${id}}"
}

# Generators of device model parameters

add_cpus() {
	if [ "${vm_type}" = RTVM ] || [ "${scheduler}" = SCHED_NOOP ] || [ "${own_pcpu}" = y ]; then
		offline_cpus "$@"
	fi
	local IFS=,
	dm_params+=(--cpu_affinity "$*")
}

add_virtual_device() {
	local slot=$1 kind=$2 options=${3:-}
	if [ "${kind}" = virtio-net ] && [[ ${options} =~ tap=([^,]+) ]]; then
		create_tap "${BASH_REMATCH[1]}" >&2
	fi
	if [ "${kind}" = virtio-input ]; then
		options=$(find_input_device "${options}") || return 0
	fi
	dm_params+=(-s "${slot},${kind}${options:+,${options}}")
}

passthrough_param() {
	local slot=$1 bdf=$2 options=$3
	local bus=$((16#${bdf:5:2})) dev=$((16#${bdf:8:2})) fun=$((16#${bdf:11:1}))
	dm_params+=(-s "$(printf '%s,passthru,%x/%x/%x' "${slot}" "${bus}" "${dev}" "${fun}")${options:+,${options}}")
}

add_passthrough_device() {
	unbind_device "$2"
	passthrough_param "$1" "$2" "${3:-}"
}

add_passthrough_vf() {
	bind_vf "$2"
	passthrough_param "$1" "$2" "${3:-}"
}
]]></xsl:variable>
  <!-- I/O core groups (docs/io-groups.md).  With a recommendation (the
       launch option "recommendation") whose <io-group> lists this VM, acrn-dm
       runs pinned to the group's pCPUs and every virtio-blk gets
       "iothread=N@cpus/cpus...,mq=M," in front of its options (acrn-dm reads
       both before the image path).  The pCPU IDs become the Service VM's CPU
       numbers at run time through their APIC IDs in /proc/cpuinfo, as
       ACRN's offline_cpus does. -->
  <xsl:template name="io-group">
    <xsl:if test="$recommendation != ''">
      <xsl:variable name="group" select="document($recommendation)/recommendation/io-group[pcpu]"/>
      <xsl:variable name="io-vm" select="$group/vm[@name = $vm-name][number(@iothreads) &gt; 0]"/>
      <xsl:if test="$io-vm">
        <xsl:variable name="apics-rtf">
          <xsl:for-each select="$brd//processors//thread[normalize-space(cpu_id) = $group/pcpu/@id]">
            <a><xsl:call-template name="hex"><xsl:with-param name="s" select="apic_id"/></xsl:call-template></a>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="apics" select="exsl:node-set($apics-rtf)/a"/>
        <xsl:variable name="n" select="number($io-vm/@iothreads)"/>
        <xsl:variable name="mq" select="number($io-vm/@mq)"/>
        <xsl:text>
# I/O core group (acrn-alloc recommendation, </xsl:text>
        <xsl:value-of select="$group/@mode"/>
        <xsl:text> mode): acrn-dm runs on pCPUs</xsl:text>
        <xsl:for-each select="$group/pcpu"><xsl:value-of select="concat(' ', @id)"/></xsl:for-each>
        <xsl:text>,
# which no VM uses; each virtio-blk gets </xsl:text>
        <xsl:value-of select="$n"/>
        <xsl:text> I/O thread(s) on them and mq=</xsl:text>
        <xsl:value-of select="$mq"/>
        <xsl:text>.
# the Service VM's CPU numbers of the CPUs with these APIC IDs (decimal)
io_service_vm_cpus() {
	local apic processor cpus=()
	for apic in "$@"; do
		processor=$(grep -B 15 "apicid.*: ${apic}\$" "${sysfs_root}/proc/cpuinfo" |
			grep '^processor' | head -n 1 | cut -d ' ' -f 2)
		if [ -z "${processor}" ]; then
			echo "Warning: no Service VM CPU has APIC ID ${apic}; the I/O core group" \
				"runs without it" >&amp;2
			continue
		fi
		cpus+=("${processor}")
	done
	local IFS=,
	echo "${cpus[*]}"
}
io_cpus=$(io_service_vm_cpus</xsl:text>
        <xsl:for-each select="$apics">
          <xsl:sort select="." data-type="number"/>
          <xsl:value-of select="concat(' ', .)"/>
        </xsl:for-each>
        <xsl:text>)
io_threads=</xsl:text>
        <xsl:value-of select="$n"/>
        <xsl:text>
io_blk_opts="iothread=${io_threads},mq=</xsl:text>
        <xsl:value-of select="$mq"/>
        <xsl:text>,"
if [ -n "${io_cpus}" ]; then
	io_set=${io_cpus//,/:}
	io_affinity=${io_set}
	for ((io_i = 1; io_i &lt; io_threads; io_i++)); do
		io_affinity+="/${io_set}"
	done
	io_blk_opts="iothread=${io_threads}@${io_affinity},mq=</xsl:text>
        <xsl:value-of select="$mq"/>
        <xsl:text>,"
	# acrn-dm and every thread it starts inherit this affinity
	if command -v taskset > /dev/null; then
		taskset -pc "${io_cpus}" $$ > /dev/null
	else
		echo "Warning: taskset not found; acrn-dm is not pinned to the I/O core group" >&amp;2
	fi
fi
for io_i in "${!dm_params[@]}"; do
	if [ "${io_i}" -gt 0 ] &amp;&amp; [ "${dm_params[io_i - 1]}" = -s ] &amp;&amp;
		[[ ${dm_params[io_i]} =~ ^([0-9]+),virtio-blk,(.*)$ ]] &amp;&amp;
		[[ ${BASH_REMATCH[2]} != *nodisk* ]]; then
		dm_params[io_i]="${BASH_REMATCH[1]},virtio-blk,${io_blk_opts}${BASH_REMATCH[2]}"
	fi
done
</xsl:text>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
